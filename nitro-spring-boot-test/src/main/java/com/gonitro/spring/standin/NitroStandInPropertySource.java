package com.gonitro.spring.standin;

import org.jspecify.annotations.Nullable;

import org.springframework.core.env.EnumerablePropertySource;

/**
 * The {@code nitro.*} properties that point an application at a stand-in, read from it each time: a rotated secret
 * is seen at once.
 */
final class NitroStandInPropertySource extends EnumerablePropertySource<NitroStandIn> {

	static final String NAME = "nitroStandIn";

	NitroStandInPropertySource(NitroStandIn standIn) {
		super(NAME, standIn);
	}

	@Override
	public String[] getPropertyNames() {
		return getSource().properties().keySet().toArray(String[]::new);
	}

	@Override
	public @Nullable Object getProperty(String name) {
		return name.startsWith("nitro.") ? getSource().properties().get(name) : null;
	}

}
