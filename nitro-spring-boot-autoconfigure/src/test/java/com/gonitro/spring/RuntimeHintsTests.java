package com.gonitro.spring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.ReflectionHintsPredicates;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.util.ClassUtils;

import com.gonitro.spring.pdf.model.PdfEndpoint;
import com.gonitro.spring.pdf.model.PdfInput;
import com.gonitro.spring.pdf.model.PdfRequest;
import com.gonitro.spring.pdf.model.PdfResult;
import com.gonitro.spring.sign.model.ParticipantAuthentication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a native image needs to run the library, as the registrars listed in {@code META-INF/spring/aot.factories}
 * give it (loaded the way AOT processing loads them). The model types are found by scanning the model packages, so a
 * model type added without a hint fails here.
 * <p>
 * Nothing is hinted for Nitro's Problem Details or the token dialect: both are read as {@code JsonNode} trees
 * (and turned into {@code Map}s and plain values), which Jackson builds without reflection on any type of ours.
 */
class RuntimeHintsTests {

	private static final List<String> MODEL_PACKAGES = List.of("com.gonitro.spring.sign.model",
			"com.gonitro.spring.pdf.model");

	/**
	 * Types of the model packages that never cross the wire as JSON: requests become multipart parts and plain maps,
	 * a result wraps a {@code JsonNode}.
	 */
	private static final Set<Class<?>> NOT_JSON = Set.of(PdfEndpoint.class, PdfInput.class, PdfInput.Upload.class,
			PdfInput.Remote.class, PdfRequest.class, PdfRequest.Redaction.class, PdfResult.class);

	private static final ReflectionHintsPredicates reflection = RuntimeHintsPredicates.reflection();

	private final RuntimeHints hints = nitroHints();

	@ParameterizedTest(name = "{0}")
	@MethodSource("modelTypes")
	void everyModelTypeIsRegisteredForReflection(Class<?> type) {
		assertThat(reflection.onType(type)).as(type.getName()).accepts(this.hints);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("modelRecords")
	void everyModelRecordCanBeConstructedAndReadByJackson(Class<?> record) throws Exception {
		Class<?>[] componentTypes = Arrays.stream(record.getRecordComponents())
			.map(RecordComponent::getType)
			.toArray(Class<?>[]::new);
		assertThat(reflection.onConstructorInvocation(record.getDeclaredConstructor(componentTypes)))
			.as("canonical constructor of %s", record.getName())
			.accepts(this.hints);
		for (RecordComponent component : record.getRecordComponents()) {
			assertThat(reflection.onMethodInvocation(component.getAccessor()))
				.as("accessor %s of %s", component.getName(), record.getName())
				.accepts(this.hints);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("modelEnums")
	void everyModelEnumIsReadThroughItsCreatorAndWrittenThroughItsValue(Class<?> enumType) {
		Method creator = annotatedMethod(enumType, JsonCreator.class);
		Method value = annotatedMethod(enumType, JsonValue.class);
		assertThat(reflection.onMethodInvocation(creator)).as("@JsonCreator of %s", enumType.getName())
			.accepts(this.hints);
		assertThat(reflection.onMethodInvocation(value)).as("@JsonValue of %s", enumType.getName())
			.accepts(this.hints);
	}

	@Test
	void polymorphicModelsAreRegisteredWithEverySubtypeJacksonMayCreate() {
		Class<?> polymorphic = ParticipantAuthentication.class;
		assertThat(reflection.onType(polymorphic)).accepts(this.hints);
		Stream.concat(Arrays.stream(polymorphic.getAnnotation(JsonSubTypes.class).value()).map(JsonSubTypes.Type::value),
				Stream.of(polymorphic.getAnnotation(JsonTypeInfo.class).defaultImpl()))
			.forEach((subtype) -> assertThat(reflection.onType(subtype)).as(subtype.getName()).accepts(this.hints));
	}

	@Test
	void theSignApisListWrapperCanBeBound() throws Exception {
		Class<?> items = ClassUtils.forName("com.gonitro.spring.sign.Items", getClass().getClassLoader());
		assertThat(reflection.onConstructorInvocation(items.getDeclaredConstructor(List.class))).accepts(this.hints);
		assertThat(reflection.onMethodInvocation(items, "items")).accepts(this.hints);
	}

	@Test
	void reactorNettyCanBeFoundByName() {
		assertThat(reflection.onType(TypeReference.of("reactor.netty.http.client.HttpClient"))).accepts(this.hints);
	}

	static Stream<Class<?>> modelRecords() {
		return modelTypes().filter(Class::isRecord);
	}

	static Stream<Class<?>> modelEnums() {
		return modelTypes().filter(Class::isEnum);
	}

	/**
	 * Every type of the model packages that crosses the wire as JSON, found on the class path.
	 */
	static Stream<Class<?>> modelTypes() {
		PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
		return MODEL_PACKAGES.stream().flatMap((modelPackage) -> {
			try {
				Resource[] classFiles = resolver
					.getResources("classpath*:" + ClassUtils.convertClassNameToResourcePath(modelPackage) + "/*.class");
				return Arrays.stream(classFiles)
					.map(Resource::getFilename)
					.filter((filename) -> !filename.equals("package-info.class"))
					.<Class<?>>map((filename) -> load(modelPackage + "." + filename.substring(0, filename.length() - 6)));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}).filter((type) -> !NOT_JSON.contains(type));
	}

	private static Class<?> load(String className) {
		try {
			return ClassUtils.forName(className, RuntimeHintsTests.class.getClassLoader());
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Method annotatedMethod(Class<?> type, Class<? extends Annotation> annotation) {
		return Arrays.stream(type.getDeclaredMethods())
			.filter((method) -> method.isAnnotationPresent(annotation))
			.findFirst()
			.orElseThrow(() -> new AssertionError(type.getName() + " has no @" + annotation.getSimpleName()));
	}

	/**
	 * The hints of the library's registrars, found as AOT processing finds them.
	 */
	private static RuntimeHints nitroHints() {
		RuntimeHints hints = new RuntimeHints();
		ClassLoader classLoader = RuntimeHintsTests.class.getClassLoader();
		List<RuntimeHintsRegistrar> registrars = AotServices.factories(classLoader)
			.load(RuntimeHintsRegistrar.class)
			.asList()
			.stream()
			.filter((registrar) -> registrar.getClass().getName().startsWith("com.gonitro.spring."))
			.toList();
		assertThat(registrars).as("Nitro's registrars in aot.factories").isNotEmpty();
		registrars.forEach((registrar) -> registrar.registerHints(hints, classLoader));
		return hints;
	}

}
