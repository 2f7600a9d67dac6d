package com.gonitro.spring.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.web.reactive.function.client.WebClientException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Looks for secrets in an exception: in every exception of its cause chain and their suppressed exceptions (their
 * messages, and every object they reach through their fields), and in its Java serialization.
 */
public final class SecretLeaks {

	/** Objects reached through fields before the search gives up: enough for exceptions, bounded for the rest. */
	private static final int MAX_OBJECTS = 50_000;

	private SecretLeaks() {
	}

	/**
	 * Fails if a secret appears anywhere in the exception, or if the exception holds a {@link WebClientException}
	 * (which holds the request, with its headers).
	 * @param failure the exception
	 * @param secrets the secrets, such as the access token and the client secret
	 */
	public static void assertHoldsNone(Throwable failure, String... secrets) {
		for (Throwable throwable : chain(failure)) {
			assertThat(throwable).as("an exception in the chain of %s", failure.getClass().getName())
				.isNotInstanceOf(WebClientException.class);
			for (String secret : secrets) {
				assertThat(String.valueOf(throwable)).as("toString() of %s", throwable.getClass().getName())
					.doesNotContain(secret);
			}
		}
		List<String> found = reachable(failure, secrets);
		assertThat(found).as("secrets reachable from %s", failure.getClass().getName()).isEmpty();
		byte[] serialized = serialize(failure);
		for (String secret : secrets) {
			assertThat(indexOf(serialized, secret.getBytes(StandardCharsets.UTF_8)))
				.as("position of a secret in the serialized %s", failure.getClass().getName())
				.isEqualTo(-1);
		}
	}

	/** The exception, its causes and their suppressed exceptions, each once. */
	public static List<Throwable> chain(Throwable failure) {
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		Deque<Throwable> pending = new ArrayDeque<>(List.of(failure));
		List<Throwable> chain = new ArrayList<>();
		while (!pending.isEmpty()) {
			Throwable throwable = pending.pop();
			if (seen.add(throwable)) {
				chain.add(throwable);
				if (throwable.getCause() != null) {
					pending.add(throwable.getCause());
				}
				pending.addAll(List.of(throwable.getSuppressed()));
			}
		}
		return chain;
	}

	private static byte[] serialize(Throwable failure) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(failure);
		}
		catch (IOException ex) {
			throw new AssertionError("Cannot serialize " + failure, ex);
		}
		return bytes.toByteArray();
	}

	/** Where a secret is reachable through fields, as "Class.field" paths; JDK objects are only looked into. */
	private static List<String> reachable(Object root, String[] secrets) {
		List<String> found = new ArrayList<>();
		Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		Deque<Object[]> pending = new ArrayDeque<>();
		pending.add(new Object[] { root, root.getClass().getSimpleName() });
		while (!pending.isEmpty() && seen.size() < MAX_OBJECTS) {
			Object[] next = pending.pop();
			Object value = next[0];
			String path = (String) next[1];
			if (value == null || !seen.add(value)) {
				continue;
			}
			if (value instanceof CharSequence text) {
				check(text.toString().getBytes(StandardCharsets.UTF_8), secrets, path, found);
			}
			else if (value instanceof byte[] bytes) {
				check(bytes, secrets, path, found);
			}
			else if (value instanceof char[] chars) {
				check(new String(chars).getBytes(StandardCharsets.UTF_8), secrets, path, found);
			}
			else if (value.getClass().isArray()) {
				if (!value.getClass().getComponentType().isPrimitive()) {
					for (int i = 0; i < Array.getLength(value); i++) {
						pending.add(new Object[] { Array.get(value, i), path + "[" + i + "]" });
					}
				}
			}
			else if (value instanceof Collection<?> collection) {
				collection.forEach((element) -> pending.add(new Object[] { element, path + "[]" }));
			}
			else if (value instanceof Map<?, ?> map) {
				map.forEach((key, element) -> {
					pending.add(new Object[] { key, path + ".key" });
					pending.add(new Object[] { element, path + "[" + key + "]" });
				});
			}
			else if (value instanceof Throwable throwable) {
				pending.add(new Object[] { throwable.getMessage(), path + ".message" });
				pending.add(new Object[] { throwable.getCause(), path + ".cause" });
				pending.add(new Object[] { throwable.getSuppressed(), path + ".suppressed" });
				fields(value, path, Throwable.class, pending);
			}
			else if (!isJdk(value.getClass())) {
				fields(value, path, Object.class, pending);
			}
		}
		return found;
	}

	private static void fields(Object value, String path, Class<?> stopAt, Deque<Object[]> pending) {
		for (Class<?> type = value.getClass(); type != null && type != stopAt && !isJdk(type); type = type.getSuperclass()) {
			for (Field field : type.getDeclaredFields()) {
				if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
					continue;
				}
				try {
					field.setAccessible(true);
					pending.add(new Object[] { field.get(value), path + "." + field.getName() });
				}
				catch (RuntimeException | IllegalAccessException ex) {
					// a field of a module that does not open it: its holder's own checks apply
				}
			}
		}
	}

	private static boolean isJdk(Class<?> type) {
		String name = type.getName();
		return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
				|| name.startsWith("sun.");
	}

	private static void check(byte[] value, String[] secrets, String path, List<String> found) {
		for (String secret : secrets) {
			if (indexOf(value, secret.getBytes(StandardCharsets.UTF_8)) >= 0) {
				found.add(path);
			}
		}
	}

	private static int indexOf(byte[] haystack, byte[] needle) {
		outer: for (int i = 0; i <= haystack.length - needle.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

}
