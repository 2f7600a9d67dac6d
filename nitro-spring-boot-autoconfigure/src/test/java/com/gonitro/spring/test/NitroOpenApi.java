package com.gonitro.spring.test;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks the requests the clients send against Nitro's published OpenAPI descriptions, read from
 * {@code ../shared/nitro/*.json} (never copied into this project). Paths, methods, query parameters, JSON bodies
 * (strictly: no member the description does not declare), multipart part names and part content types, and the
 * {@code Accept} header: one of the values the operation's {@code Accept} parameter allows or, where it declares
 * none, one media type its success replies declare.
 * <p>
 * PDF Services endpoints are polymorphic and each is described for one {@code method} only: their {@code params}
 * must match one of the parameter schemas the description declares.
 */
public final class NitroOpenApi {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");

	private final List<Operation> operations = new ArrayList<>();

	private final List<JsonNode> documents = new ArrayList<>();

	private NitroOpenApi(List<Path> files) throws IOException {
		for (Path file : files) {
			JsonNode document = json.readTree(Files.readString(file));
			this.documents.add(document);
			document.get("paths").properties().forEach((path) -> path.getValue().properties().forEach((method) -> {
				if (!method.getKey().equals("parameters")) {
					this.operations.add(new Operation(document, path.getKey(), method.getKey().toUpperCase(),
							method.getValue()));
				}
			}));
		}
	}

	/**
	 * Loads the descriptions from the first {@code shared/nitro} folder found above the working directory, or from
	 * {@code NITRO_OPENAPI_DIR}.
	 * @return the descriptions, if found
	 */
	public static Optional<NitroOpenApi> load() {
		String configured = System.getenv("NITRO_OPENAPI_DIR");
		List<Path> candidates = new ArrayList<>();
		if (configured != null) {
			candidates.add(Path.of(configured));
		}
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			candidates.add(dir.resolve("shared/nitro"));
			candidates.add(dir.resolve("../shared/nitro").normalize());
		}
		for (Path candidate : candidates) {
			Path sign = candidate.resolve("nitro-sign-openapi.json");
			Path pdf = candidate.resolve("nitro-pdf-services-openapi.json");
			if (Files.isRegularFile(sign) && Files.isRegularFile(pdf)) {
				try {
					return Optional.of(new NitroOpenApi(List.of(sign, pdf)));
				}
				catch (IOException ex) {
					throw new IllegalStateException("Cannot read Nitro's OpenAPI descriptions in " + candidate, ex);
				}
			}
		}
		return Optional.empty();
	}

	/**
	 * Checks requests against the descriptions.
	 * @param requests the requests a stub received
	 * @return what does not conform, one line per problem
	 */
	public List<String> violations(List<LoggedRequest> requests) {
		List<String> violations = new ArrayList<>();
		for (LoggedRequest request : requests) {
			String where = request.getMethod() + " " + request.getUrl() + ": ";
			Optional<Operation> operation = operation(request.getMethod().value(), request.getUrl(), violations::add);
			operation.ifPresent((found) -> found.check(request, (problem) -> violations.add(where + problem)));
		}
		return violations;
	}

	/**
	 * Checks a response against the descriptions: its status must be documented for the operation, its content type
	 * declared, and a JSON body must match the declared schema (strictly: no member the description does not
	 * declare).
	 * @param method the request's method
	 * @param url the request's path and query
	 * @param status the response's status
	 * @param contentType the response's content type, if any
	 * @param body the response's body, if JSON
	 * @return what does not conform, one line per problem
	 */
	public List<String> responseViolations(String method, String url, int status, String contentType, String body) {
		List<String> violations = new ArrayList<>();
		String where = method + " " + url + " -> " + status + ": ";
		operation(method, url, violations::add)
			.ifPresent((found) -> found.checkResponse(status, contentType, body, (problem) -> violations.add(where + problem)));
		return violations;
	}

	private Optional<Operation> operation(String method, String url, java.util.function.Consumer<String> violations) {
		String path = url.replaceFirst("\\?.*$", "");
		String where = method + " " + url + ": ";
		Optional<Operation> operation = this.operations.stream()
			.filter((candidate) -> candidate.method.equals(method))
			.filter((candidate) -> candidate.matches(path))
			// The Sign description also lists the PDF Services paths, without their bodies or most of their replies:
			// prefer the richer description.
			.min(Comparator.comparing((Operation candidate) -> !candidate.describesBody())
				.thenComparingInt(Operation::variableCount)
				.thenComparingInt((candidate) -> -candidate.operation.path("responses").size()));
		if (operation.isEmpty()) {
			if (this.operations.stream().noneMatch((candidate) -> candidate.matches(path))
					|| !path.startsWith("/sign") && !path.startsWith("/jobs") && !path.startsWith("/oauth")
							&& !path.matches("/(conversions|transformations|extractions|generations)")) {
				violations.accept(where + "no such path in Nitro's API");
			}
			else {
				violations.accept(where + "Nitro's API has no " + method + " on this path");
			}
		}
		return operation;
	}

	private final class Operation {

		private final JsonNode document;

		private final String template;

		private final String method;

		private final JsonNode operation;

		private final Pattern pattern;

		Operation(JsonNode document, String template, String method, JsonNode operation) {
			this.document = document;
			this.template = template;
			this.method = method;
			this.operation = operation;
			Matcher variables = VARIABLE.matcher(template);
			StringBuilder regex = new StringBuilder();
			int last = 0;
			while (variables.find()) {
				regex.append(Pattern.quote(template.substring(last, variables.start()))).append("[^/:]+");
				last = variables.end();
			}
			regex.append(Pattern.quote(template.substring(last)));
			this.pattern = Pattern.compile(regex.toString());
		}

		boolean matches(String path) {
			return this.pattern.matcher(path).matches();
		}

		boolean describesBody() {
			return !this.operation.path("requestBody").path("content").isEmpty();
		}

		int variableCount() {
			return (int) VARIABLE.matcher(this.template).results().count();
		}

		void check(LoggedRequest request, java.util.function.Consumer<String> problems) {
			checkQuery(request, problems);
			checkAccept(request, problems);
			JsonNode body = this.operation.get("requestBody");
			String contentType = Optional.ofNullable(request.getHeader("Content-Type")).orElse("");
			if (body == null || body.get("content") == null || body.get("content").isEmpty()) {
				if (request.getBody().length > 0 && !this.template.matches("/(conversions|transformations|extractions|generations)")) {
					problems.accept("sends a body, but the operation takes none");
				}
				return;
			}
			if (contentType.startsWith("multipart/form-data") && body.get("content").has("multipart/form-data")) {
				checkMultipart(request, body.get("content").get("multipart/form-data"), problems);
			}
			else if (contentType.startsWith("application/json") && body.get("content").has("application/json")) {
				checkJson(json.readTree(request.getBodyAsString()),
						body.get("content").get("application/json").get("schema"), "body", problems);
			}
			else if (request.getBody().length > 0 || body.path("required").asBoolean(false)) {
				problems.accept("content type '" + contentType + "' is not one of " + names(body.get("content")));
			}
		}

		void checkResponse(int status, String contentType, String body, java.util.function.Consumer<String> problems) {
			JsonNode response = this.operation.path("responses").get(String.valueOf(status));
			if (response == null) {
				problems.accept("status " + status + " is not documented for this operation (it documents "
						+ names(this.operation.path("responses")) + ")");
				return;
			}
			response = resolve(response);
			JsonNode content = response.path("content");
			if (content.isEmpty()) {
				return;
			}
			String type = contentType.replaceFirst(";.*$", "").strip();
			JsonNode declared = content.get(type);
			if (declared == null) {
				problems.accept("content type '" + type + "' is not one of " + names(content));
				return;
			}
			if (!type.endsWith("json") || !declared.has("schema") || body.isEmpty()) {
				return;
			}
			JsonNode value = json.readTree(body);
			JsonNode schema = resolve(declared.get("schema"));
			if (value.has("items") && !declaresItems(schema)) {
				// The Sign description declares one item for some lists; its examples, and Nitro, answer {items:[...]}.
				int index = 0;
				for (JsonNode item : value.get("items")) {
					checkJson(item, schema, "body.items[" + index++ + "]", problems);
				}
				return;
			}
			List<String> mismatches = new ArrayList<>();
			checkJson(value, schema, "body", mismatches::add);
			if (!mismatches.isEmpty() && status == 200
					&& this.template.matches("/(conversions|transformations|extractions|generations)")
					&& matchesAnyResultSchema(value)) {
				return;
			}
			mismatches.forEach(problems);
		}

		private boolean declaresItems(JsonNode schema) {
			if (schema.path("properties").has("items")) {
				return true;
			}
			for (JsonNode variant : schema.path("oneOf")) {
				if (declaresItems(resolve(variant))) {
					return true;
				}
			}
			return false;
		}

		/**
		 * PDF Services endpoints are described for one method each: a synchronous or asynchronous reply of another
		 * method must match one of the reply schemas the description declares ("Sync - ...", "Async - ...").
		 */
		private boolean matchesAnyResultSchema(JsonNode value) {
			for (Map.Entry<String, JsonNode> schema : this.document.path("components").path("schemas").properties()) {
				String title = schema.getValue().path("title").asString("");
				if (title.startsWith("Sync") || title.startsWith("Async")) {
					List<String> mismatches = new ArrayList<>();
					checkJson(value, schema.getValue(), "body", mismatches::add);
					if (mismatches.isEmpty()) {
						return true;
					}
				}
			}
			return false;
		}

		private void checkAccept(LoggedRequest request, java.util.function.Consumer<String> problems) {
			String accept = request.getHeader("Accept");
			if (accept == null) {
				return;
			}
			List<String> allowed = new ArrayList<>();
			for (JsonNode parameter : this.operation.path("parameters")) {
				parameter = resolve(parameter);
				if ("header".equals(parameter.path("in").asString()) && "Accept".equalsIgnoreCase(parameter.path("name").asString())) {
					resolve(parameter.path("schema")).path("enum").forEach((value) -> allowed.add(value.asString()));
				}
			}
			if (allowed.isEmpty()) {
				this.operation.path("responses").properties().stream()
					.filter((response) -> response.getKey().startsWith("2"))
					.forEach((response) -> allowed.addAll(names(resolve(response.getValue()).path("content"))));
			}
			if (!allowed.isEmpty() && !allowed.contains(accept.strip())) {
				problems.accept("Accept '" + accept + "' is not one of " + allowed);
			}
		}

		private void checkQuery(LoggedRequest request, java.util.function.Consumer<String> problems) {
			List<String> declared = new ArrayList<>();
			for (JsonNode parameter : this.operation.path("parameters")) {
				if ("query".equals(parameter.path("in").asString())) {
					declared.add(parameter.get("name").asString());
				}
			}
			int query = request.getUrl().indexOf('?');
			if (query < 0) {
				return;
			}
			for (String pair : request.getUrl().substring(query + 1).split("&")) {
				String name = URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8);
				if (!declared.contains(name)) {
					problems.accept("query parameter '" + name + "' is not one of " + declared);
				}
			}
		}

		private void checkMultipart(LoggedRequest request, JsonNode content, java.util.function.Consumer<String> problems) {
			JsonNode schema = resolve(content.get("schema"));
			JsonNode properties = schema.path("properties");
			List<String> sent = new ArrayList<>();
			for (Request.Part part : request.getParts()) {
				String name = part.getName();
				sent.add(name);
				if (!properties.has(name)) {
					problems.accept("part '" + name + "' is not one of " + names(properties));
					continue;
				}
				String partType = Optional.ofNullable(part.getHeader("Content-Type").firstValue()).orElse("");
				String declaredType = content.path("encoding").path(name).path("contentType").asString(null);
				if (declaredType != null && !partType.startsWith(declaredType)) {
					problems.accept("part '" + name + "' is '" + partType + "', not '" + declaredType + "'");
				}
			}
			for (JsonNode required : schema.path("required")) {
				if (!sent.contains(required.asString()) && !(required.asString().equals("file") && sent.contains("files"))
						&& !(required.asString().equals("files") && sent.contains("file"))) {
					problems.accept("required part '" + required.asString() + "' is missing");
				}
			}
			for (Request.Part part : request.getParts()) {
				String name = part.getName();
				String partType = Optional.ofNullable(part.getHeader("Content-Type").firstValue()).orElse("");
				if (!properties.has(name) || !partType.startsWith("application/json")
						&& !partType.startsWith("application/vnd.gonitro.url+json")) {
					continue;
				}
				JsonNode value = json.readTree(part.getBody().asString());
				if (name.equals("params") && properties.path("method").has("enum")) {
					checkPolymorphicParams(value, problems);
					continue;
				}
				JsonNode partSchema = properties.get(name);
				if (partType.startsWith("application/vnd.gonitro.url+json")) {
					partSchema = remoteFileSchema(resolve(partSchema));
				}
				checkJson(value, partSchema, "part '" + name + "'", problems);
			}
		}

		/**
		 * PDF Services endpoints are described for one method each: the parameters of any method must match one of
		 * the parameter schemas the description declares (an empty schema matching only no parameters).
		 */
		private void checkPolymorphicParams(JsonNode params, java.util.function.Consumer<String> problems) {
			List<String> candidates = new ArrayList<>();
			for (Map.Entry<String, JsonNode> schema : this.document.path("components").path("schemas").properties()) {
				String name = schema.getKey();
				if (!name.endsWith("Params") && !name.equals("Rotation")) {
					continue;
				}
				candidates.add(name);
				boolean empty = schema.getValue().path("properties").isEmpty();
				List<String> mismatches = new ArrayList<>();
				if (empty) {
					if (params.isObject() && params.isEmpty()) {
						return;
					}
					continue;
				}
				checkJson(params, schema.getValue(), "params", mismatches::add);
				if (mismatches.isEmpty()) {
					return;
				}
			}
			problems.accept("part 'params' " + params + " matches none of Nitro's parameter schemas " + candidates);
		}

		/** The remote-file alternative of a file part: the object among its (possibly array item) variants. */
		private JsonNode remoteFileSchema(JsonNode fileSchema) {
			JsonNode variants = fileSchema.has("items") ? resolve(fileSchema.get("items")).path("oneOf")
					: fileSchema.path("oneOf");
			for (JsonNode variant : variants) {
				if ("object".equals(variant.path("type").asString())) {
					return variant;
				}
			}
			return fileSchema;
		}

		private void checkJson(JsonNode value, JsonNode schema, String where,
				java.util.function.Consumer<String> problems) {
			schema = resolve(schema);
			if (schema.has("oneOf") || schema.has("anyOf")) {
				JsonNode variants = schema.has("oneOf") ? schema.get("oneOf") : schema.get("anyOf");
				List<String> firstProblems = null;
				for (JsonNode variant : variants) {
					List<String> variantProblems = new ArrayList<>();
					checkJson(value, variant, where, variantProblems::add);
					if (variantProblems.isEmpty()) {
						return;
					}
					firstProblems = (firstProblems == null) ? variantProblems : firstProblems;
				}
				problems.accept(where + " matches none of its variants, for example: " + firstProblems);
				return;
			}
			if (schema.has("allOf")) {
				// The parts describe one object together: a member one part declares is not foreign to another.
				ObjectNode merged = json.createObjectNode();
				ObjectNode properties = merged.putObject("properties");
				ArrayNode required = merged.putArray("required");
				List<JsonNode> parts = new ArrayList<>();
				schema.get("allOf").forEach(parts::add);
				parts.add(schema);
				for (JsonNode part : parts) {
					JsonNode resolved = resolve(part);
					resolved.path("properties").properties().forEach((property) -> properties.set(property.getKey(), property.getValue()));
					resolved.path("required").forEach(required::add);
					if (resolved.has("additionalProperties")) {
						merged.set("additionalProperties", resolved.get("additionalProperties"));
					}
				}
				merged.put("type", "object");
				checkJson(value, merged, where, problems);
				return;
			}
			if (value.isNull() && schema.path("nullable").asBoolean(false)) {
				return;
			}
			String type = schema.path("type").asString(schema.has("properties") ? "object" : null);
			if (schema.has("enum") && !contains(schema.get("enum"), value)) {
				problems.accept(where + " is " + value + ", not one of " + schema.get("enum"));
			}
			if (type == null) {
				return;
			}
			switch (type) {
				case "object" -> {
					if (!value.isObject()) {
						problems.accept(where + " is not an object");
						return;
					}
					JsonNode properties = schema.path("properties");
					for (JsonNode required : schema.path("required")) {
						if (!value.has(required.asString())) {
							problems.accept(where + " lacks required '" + required.asString() + "'");
						}
					}
					boolean open = schema.has("additionalProperties") || properties.isEmpty();
					for (Map.Entry<String, JsonNode> member : value.properties()) {
						if (properties.has(member.getKey())) {
							checkJson(member.getValue(), properties.get(member.getKey()), where + "." + member.getKey(),
									problems);
						}
						else if (!open) {
							problems.accept(where + " has '" + member.getKey() + "', which Nitro does not declare (it declares "
									+ names(properties) + ")");
						}
					}
				}
				case "array" -> {
					if (!value.isArray()) {
						problems.accept(where + " is not an array");
						return;
					}
					int index = 0;
					for (JsonNode item : value) {
						if (schema.has("items")) {
							checkJson(item, schema.get("items"), where + "[" + index + "]", problems);
						}
						index++;
					}
				}
				case "string" -> {
					if (!value.isString() && !"binary".equals(schema.path("format").asString())) {
						problems.accept(where + " is not a string");
					}
				}
				case "integer" -> {
					if (!value.isIntegralNumber()) {
						problems.accept(where + " is not an integer");
					}
				}
				case "number" -> {
					if (!value.isNumber()) {
						problems.accept(where + " is not a number");
					}
				}
				case "boolean" -> {
					if (!value.isBoolean()) {
						problems.accept(where + " is not a boolean");
					}
				}
				default -> {
				}
			}
		}

		private JsonNode resolve(JsonNode schema) {
			while (schema.has("$ref")) {
				String ref = schema.get("$ref").asString();
				JsonNode target = this.document.at(ref.substring(1));
				if (target.isMissingNode()) {
					return json.createObjectNode();
				}
				schema = target;
			}
			return schema;
		}

		private boolean contains(JsonNode values, JsonNode value) {
			for (JsonNode candidate : values) {
				if (candidate.equals(value)) {
					return true;
				}
			}
			return false;
		}

		private List<String> names(JsonNode object) {
			List<String> names = new ArrayList<>();
			for (Iterator<String> it = object.propertyNames().iterator(); it.hasNext();) {
				names.add(it.next());
			}
			return names;
		}

	}

}
