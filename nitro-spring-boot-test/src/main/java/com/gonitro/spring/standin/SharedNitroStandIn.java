package com.gonitro.spring.standin;

import org.jspecify.annotations.Nullable;

/**
 * The one stand-in that {@link EnableNitroStandIn @EnableNitroStandIn} tests share, started on first use and stopped
 * when the JVM exits (after Spring's cached test contexts, which may still hold clients for it).
 */
final class SharedNitroStandIn {

	private static @Nullable NitroStandIn instance;

	private SharedNitroStandIn() {
	}

	static synchronized NitroStandIn get() {
		NitroStandIn standIn = instance;
		if (standIn == null) {
			standIn = NitroStandIn.start();
			instance = standIn;
			Runtime.getRuntime().addShutdownHook(new Thread(standIn::close, "nitro-stand-in-shutdown"));
		}
		return standIn;
	}

}
