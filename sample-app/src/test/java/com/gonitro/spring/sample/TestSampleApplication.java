package com.gonitro.spring.sample;

import java.time.Duration;

import org.springframework.boot.SpringApplication;
import org.springframework.util.StringUtils;

import com.gonitro.spring.standin.NitroStandInHook;

/**
 * Runs the sample for development on the Nitro stand-in: it asks for it explicitly with
 * {@code nitro.stand-in.enabled=true}. Started by {@code ./mvnw -pl sample-app -am spring-boot:test-run}; being in
 * test sources, the stand-in never reaches the packaged application. With {@code NITRO_CLIENT_ID} or
 * {@code NITRO_CLIENT_SECRET} set it refuses to start rather than guess which Nitro is meant: run
 * {@code spring-boot:run} to talk to Nitro.
 */
public final class TestSampleApplication {

	private TestSampleApplication() {
	}

	public static void main(String[] args) {
		String[] onTheStandIn = StringUtils.addStringToArray(args, "--" + NitroStandInHook.ENABLED_PROPERTY + "=true");
		// Without a person to sign, the stand-in signs each envelope itself 30 seconds after it is sent.
		NitroStandInHook hook = new NitroStandInHook((standIn) -> standIn.signAutomaticallyAfter(Duration.ofSeconds(30)));
		SpringApplication.withHook(hook, () -> SampleApplication.main(onTheStandIn));
	}

}
