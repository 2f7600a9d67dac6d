package com.gonitro.spring.standin;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against a {@link NitroStandIn}: one stand-in, started once for the whole test run and shared by
 * every annotated class.
 * <ul>
 * <li>In a Spring test ({@code @SpringBootTest} and slices), {@code nitro.client-id}, {@code nitro.client-secret},
 * {@code nitro.token-uri} and {@code nitro.base-url} point at the stand-in (properties set on the test itself win),
 * and the stand-in is a bean: {@code @Autowired NitroStandIn nitro}.</li>
 * <li>In any JUnit test, a {@code NitroStandIn} parameter of a test, lifecycle method or constructor receives it.</li>
 * <li>After each test the stand-in is {@linkplain NitroStandIn#reset() reset}: no envelopes, jobs or faults are left
 * for the next test. Its state is shared, so do not run such tests concurrently.</li>
 * </ul>
 * <pre>{@code
 * @SpringBootTest
 * @EnableNitroStandIn
 * class SignatureFlowTests {
 *
 *     @Test
 *     void sealsTheContract(@Autowired NitroSignClient sign, NitroStandIn nitro) {
 *         // ... create and send an envelope with sign, then: nitro.sign(envelopeId);
 *     }
 *
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(NitroStandInExtension.class)
public @interface EnableNitroStandIn {

}
