package com.gonitro.spring.boot.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;

import com.gonitro.spring.test.NitroWireMock;

/**
 * An application using the starter whose configuration is an {@code application.yml} of its own, as users write
 * it, on top of Nitro's URIs pointing at a WireMock server.
 */
final class ApplicationYaml {

	private ApplicationYaml() {
	}

	/**
	 * Writes {@code application.yml} into the given directory and returns a non-web application that reads it.
	 * @param directory where to write it
	 * @param yaml its content
	 * @param nitro the server standing in for Nitro
	 * @return the application, to be given its environment and run
	 */
	static SpringApplicationBuilder application(Path directory, String yaml, WireMockExtension nitro) {
		try {
			Files.createDirectories(directory);
			Files.writeString(directory.resolve("application.yml"), yaml);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
			.properties("spring.config.additional-location=file:" + directory.toAbsolutePath() + "/",
					"nitro.token-uri=" + NitroWireMock.tokenUri(nitro), "nitro.base-url=" + nitro.baseUrl());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

	}

}
