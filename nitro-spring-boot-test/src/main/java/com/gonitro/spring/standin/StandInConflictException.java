package com.gonitro.spring.standin;

import java.io.Serial;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The application asked for the Nitro stand-in ({@value NitroStandInHook#ENABLED_PROPERTY}) and also configures
 * Nitro: it would either send real credentials to the stand-in or talk to Nitro while its developer expects the
 * stand-in, so it does not start. Names the properties and where they are set, never their values.
 */
final class StandInConflictException extends IllegalStateException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final String description;

	private final String action;

	StandInConflictException(Map<String, Set<String>> sources, boolean running) {
		super(description(sources, running) + " " + action(sources));
		this.description = description(sources, running);
		this.action = action(sources);
	}

	/** What is wrong: the properties and where they are set. */
	String description() {
		return this.description;
	}

	/** What to do. */
	String action() {
		return this.action;
	}

	private static String description(Map<String, Set<String>> sources, boolean running) {
		String found = sources.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + " (set in " + String.join(", ", entry.getValue()) + ")")
			.collect(Collectors.joining(" and "));
		return "The Nitro stand-in was switched on with " + NitroStandInHook.ENABLED_PROPERTY + "=true, but the "
				+ "application also configures " + found + (running ? ", read after the stand-in had started" : "")
				+ ". Running on the stand-in would ignore that configuration, and talking to Nitro would ignore the "
				+ "request for the stand-in, so the application does not start.";
	}

	private static String action(Map<String, Set<String>> sources) {
		boolean credentials = sources.keySet().stream().anyMatch(StandInConflicts.CREDENTIALS::contains);
		return "To run on the stand-in, remove " + String.join(" and ", sources.keySet())
				+ " from the application's configuration"
				+ (credentials ? " (and unset NITRO_CLIENT_ID and NITRO_CLIENT_SECRET)" : "") + ". To talk to Nitro, "
				+ "remove " + NitroStandInHook.ENABLED_PROPERTY + " or set it to false.";
	}

}
