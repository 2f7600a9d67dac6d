package com.gonitro.spring.sample;

import java.time.Duration;

import org.springframework.boot.SpringApplication;

import com.gonitro.spring.standin.NitroStandInHook;

/**
 * Runs the sample for development: on the Nitro stand-in when no Nitro credentials are configured, on Nitro when
 * {@code NITRO_CLIENT_ID} and {@code NITRO_CLIENT_SECRET} are set. Started by
 * {@code ./mvnw -pl sample-app -am spring-boot:test-run}; being in test sources, the stand-in never reaches the
 * packaged application.
 */
public final class TestSampleApplication {

	private TestSampleApplication() {
	}

	public static void main(String[] args) {
		// Without a person to sign, the stand-in signs each envelope itself 30 seconds after it is sent.
		SpringApplication.withHook(new NitroStandInHook((standIn) -> standIn.signAutomaticallyAfter(Duration.ofSeconds(30))),
				() -> SampleApplication.main(args));
	}

}
