package com.gonitro.spring.http;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

/**
 * Lets {@link NitroHttpClients} see Reactor Netty in a native image: it looks the class up by name when it starts,
 * and a native image answers such a look-up only for a class registered for reflection. Without this hint a native
 * application would quietly fall back to the JDK's {@code HttpClient}.
 * <p>
 * Registered in {@code META-INF/spring/aot.factories}.
 */
class NitroHttpClientsRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.reflection().registerType(TypeReference.of(NitroHttpClients.REACTOR_NETTY_HTTP_CLIENT));
	}

}
