package com.gonitro.spring.test;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application most integration tests start: nothing of its own but Spring Boot's auto-configuration, the
 * starter's included.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class NitroTestApplication {

	/**
	 * Starts the application against the given Nitro on loopback, with the test credentials and any web server on a
	 * random port.
	 * @param nitro the WireMock server playing Nitro
	 * @param type the kind of application
	 * @param properties further properties, which win
	 * @return the running application
	 */
	public static ConfigurableApplicationContext start(WireMockExtension nitro, WebApplicationType type,
			String... properties) {
		return new SpringApplicationBuilder(NitroTestApplication.class).web(type)
			.properties(NitroWireMock.properties(nitro))
			.properties("server.port=0")
			.properties(properties)
			.run();
	}

}
