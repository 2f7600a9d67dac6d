package com.gonitro.spring.boot.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.GeneratedFiles.Kind;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.ReflectionHintsPredicates;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.javapoet.ClassName;

import com.gonitro.spring.sign.model.Envelope;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link NitroAutoConfiguration} processed ahead of time by Spring's own AOT engine, as {@code spring-boot:process-aot}
 * runs it: {@link NitroProperties} and every type nested in it get the hints binding needs in a native image
 * (Spring Boot's, for configuration properties), the library's registrars are found through
 * {@code aot.factories}, and the credentials condition is decided at build time.
 */
class NitroAotProcessingTests {

	private static final ReflectionHintsPredicates reflection = RuntimeHintsPredicates.reflection();

	@Test
	void nitroPropertiesAndEveryNestedTypeCanBeBoundInANativeImage() throws Exception {
		Processed processed = process("nitro.client-id=id", "nitro.client-secret=secret");

		for (Class<?> type : new Class<?>[] { NitroProperties.class, NitroProperties.Retry.class,
				NitroProperties.Sign.class, NitroProperties.Pdf.class, NitroProperties.Application.class,
				NitroProperties.ApplicationRetry.class, NitroProperties.Tenants.class }) {
			assertThat(reflection.onConstructorInvocation(type.getDeclaredConstructor())).as(type.getName())
				.accepts(processed.hints());
			for (Method setter : Arrays.stream(type.getDeclaredMethods())
				.filter((method) -> method.getName().startsWith("set"))
				.toList()) {
				assertThat(reflection.onMethodInvocation(setter)).as(setter.toString()).accepts(processed.hints());
			}
		}
	}

	@Test
	void theLibrarysOwnHintsAreFoundThroughAotFactories() {
		Processed processed = process("nitro.client-id=id", "nitro.client-secret=secret");

		assertThat(reflection.onType(Envelope.class)).accepts(processed.hints());
	}

	@Test
	void theFailureAnalyzerCanBeCreatedInANativeImage() throws Exception {
		Processed processed = process("nitro.client-id=id", "nitro.client-secret=secret");

		assertThat(reflection
			.onConstructorInvocation(InvalidNitroPropertiesFailureAnalyzer.class.getDeclaredConstructor()))
			.accepts(processed.hints());
	}

	@Test
	void credentialsPresentWhileProcessingKeepTheNitroBeans() {
		Processed processed = process("nitro.client-id=id", "nitro.client-secret=secret");

		assertThat(processed.sources()).contains("nitroClients").contains("nitroWebClient");
	}

	@Test
	void withoutCredentialsWhileProcessingTheNitroBeansAreLeftOutForGood() {
		Processed processed = process();

		assertThat(processed.sources()).doesNotContain("nitroClients").doesNotContain("nitroWebClient");
	}

	private static Processed process(String... properties) {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
			TestPropertyValues.of(properties).applyTo(context);
			context.register(NitroAutoConfiguration.class);
			InMemoryGeneratedFiles files = new InMemoryGeneratedFiles();
			DefaultGenerationContext generation = new DefaultGenerationContext(
					new ClassNameGenerator(ClassName.get(NitroAotProcessingTests.class)), files);
			new ApplicationContextAotGenerator().processAheadOfTime(context, generation);
			generation.writeGeneratedContent();
			StringBuilder sources = new StringBuilder();
			for (String path : files.getGeneratedFiles(Kind.SOURCE).keySet()) {
				sources.append(files.getGeneratedFileContent(Kind.SOURCE, path)).append('\n');
			}
			return new Processed(generation.getRuntimeHints(), sources.toString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * What processing produced.
	 *
	 * @param hints the runtime hints
	 * @param sources the generated sources, concatenated
	 */
	private record Processed(RuntimeHints hints, String sources) {

	}

}
