package com.gonitro.spring.standin;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * The Spring side of {@link EnableNitroStandIn @EnableNitroStandIn}: points {@code nitro.*} at the shared stand-in,
 * below the test's own properties and above the application's configuration, and makes the stand-in a bean. The
 * properties follow the stand-in: after {@link NitroStandIn#rotateCredentials(String)} the application reads the new
 * secret, as it would once a rotated secret is deployed. Every
 * annotated test class gets the same customization, so their application contexts can be cached and shared.
 *
 * @since 0.1.0
 */
public final class NitroStandInContextCustomizerFactory implements ContextCustomizerFactory {

	/**
	 * Creates the factory; Spring's test context framework does, from {@code META-INF/spring.factories}.
	 */
	public NitroStandInContextCustomizerFactory() {
	}

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		return TestContextAnnotationUtils.hasAnnotation(testClass, EnableNitroStandIn.class)
				? new NitroStandInContextCustomizer() : null;
	}

	private static final class NitroStandInContextCustomizer implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
			NitroStandIn standIn = SharedNitroStandIn.get();
			NitroStandInPropertySource properties = new NitroStandInPropertySource(standIn);
			MutablePropertySources sources = context.getEnvironment().getPropertySources();
			if (sources.contains(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME)) {
				sources.addAfter(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME, properties);
			}
			else {
				sources.addFirst(properties);
			}
			context.getBeanFactory().registerSingleton("nitroStandIn", standIn);
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return other != null && other.getClass() == getClass();
		}

		@Override
		public int hashCode() {
			return getClass().hashCode();
		}

	}

}
