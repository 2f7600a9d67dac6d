package com.gonitro.spring.standin;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit side of {@link EnableNitroStandIn @EnableNitroStandIn}: resolves {@link NitroStandIn} parameters to the
 * shared stand-in and resets it after each test.
 *
 * @since 0.1.0
 */
public final class NitroStandInExtension implements ParameterResolver, AfterEachCallback {

	/**
	 * Creates the extension; JUnit does, through {@link EnableNitroStandIn @EnableNitroStandIn}.
	 */
	public NitroStandInExtension() {
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == NitroStandIn.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return SharedNitroStandIn.get();
	}

	@Override
	public void afterEach(ExtensionContext context) {
		SharedNitroStandIn.get().reset();
	}

}
