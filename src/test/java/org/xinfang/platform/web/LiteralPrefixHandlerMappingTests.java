package org.xinfang.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.xinfang.support.XinfangTest;

/**
 * The controllers' handler mapping rejects a mapping early when none of its patterns' literal prefixes starts the
 * request's path (BENCHMARKS.md "Causes and fixes", 100). It must give every request the handler — or the 404, 405, 415
 * … — that Spring MVC's own {@link RequestMappingHandlerMapping} gives it. The reference here is the same mapping with
 * the shortcut off, which is the base class's look-up over the same registrations in the same order (a plain base class
 * filled from {@code getHandlerMethods()} is not: that map's order is not the registration order, and with two equal
 * matches — a CORS pre-flight of {@code /error} — the first registered is the one named); the requests are made from
 * every pattern of every mapping of the application (variables and wildcards filled in, in two ways), in every method
 * and as a CORS pre-flight, and varied into paths that match something else or nothing: one more segment, a trailing
 * slash, a character short, upper case, a matrix parameter, a percent-encoded letter, a doubled slash.
 */
@XinfangTest
class LiteralPrefixHandlerMappingTests {

	private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

	/** {@code {*rest}}, {@code {name}} / {@code {name:regex}}, {@code **}, {@code *}, {@code ?} */
	private static final Pattern WILDCARD = Pattern.compile("\\{\\*[^}]*}|\\{[^}]*}|\\*\\*|\\*|\\?");

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mapping;

	@Test
	void theControllersAreMappedByTheLiteralPrefixMapping() {
		assertThat(mapping).isInstanceOf(LiteralPrefixHandlerMapping.class);
		assertThat(mapping.getHandlerMethods()).hasSizeGreaterThan(100);
	}

	@Test
	void everyRequestMadeFromTheApplicationsMappingsGetsWhatTheBaseClassGives() throws Exception {
		LiteralPrefixHandlerMapping shortcut = (LiteralPrefixHandlerMapping) mapping;
		Set<String> paths = new LinkedHashSet<>();
		for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
			for (String pattern : info.getPatternValues()) {
				for (String path : concretePaths(pattern)) {
					paths.add(path);
				}
			}
		}
		paths.addAll(List.of("/", "/nothing", "/api", "/api/v1", "/api/v1/", "/api/v1/nothing/7"));

		int handled = 0;
		int compared = 0;
		List<String> differences = new ArrayList<>();
		for (String base : paths) {
			for (String path : variants(base)) {
				boolean isBase = path.equals(base);
				for (String method : isBase ? METHODS : List.of("GET", "POST")) {
					for (boolean preflight : isBase && method.equals("OPTIONS") ? List.of(false, true) : List.of(false)) {
						Outcome expected;
						shortcut.setShortcut(false);
						try {
							expected = outcome(mapping, method, path, preflight);
						}
						finally {
							shortcut.setShortcut(true);
						}
						Outcome actual = outcome(mapping, method, path, preflight);
						compared++;
						if (actual.handler() != null && actual.handler().contains("#")) {
							handled++;
						}
						if (!expected.equals(actual)) {
							differences.add(method + (preflight ? " (pre-flight) " : " ") + path + ": expected "
									+ expected + " but was " + actual);
						}
					}
				}
			}
		}
		assertThat(differences).isEmpty();
		// the comparison covered the application: every mapping's paths, many of them reaching a handler
		assertThat(compared).isGreaterThan(20 * mapping.getHandlerMethods().size());
		assertThat(handled).isGreaterThan(mapping.getHandlerMethods().size());
	}

	@Test
	void aMatterPageIsFoundAndItsNeighboursAreNot() throws Exception {
		assertThat(outcome(mapping, "GET", "/api/v1/matters/517031", false).handler()).contains("#get(");
		assertThat(outcome(mapping, "GET", "/api/v1/matters/517031", false).variables())
				.containsEntry("id", "517031");
		assertThat(outcome(mapping, "GET", "/api/v1/mattersx/517031", false).handler()).isNull();
		assertThat(outcome(mapping, "DELETE", "/api/v1/matters/517031", false).failure())
				.startsWith("HttpRequestMethodNotSupportedException");
	}

	@Test
	void literalPrefixesStopBeforeTheSegmentOfTheFirstWildcard() {
		assertThat(LiteralPrefixHandlerMapping.literalPrefix("/api/v1/matters/{id}")).isEqualTo("/api/v1/matters");
		assertThat(LiteralPrefixHandlerMapping.literalPrefix("/api/v1/matters/{id}/actions/{action}"))
				.isEqualTo("/api/v1/matters");
		assertThat(LiteralPrefixHandlerMapping.literalPrefix("/api/v1/matters")).isEqualTo("/api/v1/matters");
		assertThat(LiteralPrefixHandlerMapping.literalPrefix("/staff/work/")).isEqualTo("/staff/work");
		// "/js/**" and "/js/{*rest}" also match "/js"
		assertThat(LiteralPrefixHandlerMapping.literalPrefix("/js/**")).isEqualTo("/js");
		assertThat(LiteralPrefixHandlerMapping.literalPrefix("/js/{*rest}")).isEqualTo("/js");
		assertThat(LiteralPrefixHandlerMapping.literalPrefix("/files/a{name}.pdf")).isEqualTo("/files");
		assertThat(LiteralPrefixHandlerMapping.literalPrefix("/files/a?.pdf")).isEqualTo("/files");
		// nothing to rely on: the full test
		assertThat(LiteralPrefixHandlerMapping.literalPrefix("/{*path}")).isNull();
		assertThat(LiteralPrefixHandlerMapping.literalPrefix("/**")).isNull();
		assertThat(LiteralPrefixHandlerMapping.literalPrefix("/")).isNull();
		assertThat(LiteralPrefixHandlerMapping.literalPrefix("")).isNull();
		assertThat(LiteralPrefixHandlerMapping.literalPrefix("/a%20b/{x}")).isNull();
		assertThat(LiteralPrefixHandlerMapping.literalPrefix("/a;b/{x}")).isNull();
	}

	/** What a look-up gave: the handler (its method, or its class for a pre-flight's), or the exception. */
	record Outcome(String handler, String bestHandler, Object pattern, Map<String, String> variables, String failure) {
	}

	private static Outcome outcome(HandlerMapping handlers, String method, String path, boolean preflight) {
		MockHttpServletRequest request = new MockHttpServletRequest(method, path);
		if (preflight) {
			request.addHeader(HttpHeaders.ORIGIN, "https://elsewhere.example");
			request.addHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST");
		}
		ServletRequestPathUtils.parseAndCache(request);
		try {
			HandlerExecutionChain chain = handlers.getHandler(request);
			Object handler = chain == null ? null : chain.getHandler();
			Object best = request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE);
			return new Outcome(
					handler == null ? null
							: handler instanceof HandlerMethod ? handler.toString() : handler.getClass().getName(),
					Objects.toString(best, null), request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE),
					variables(request), null);
		}
		catch (Exception e) {
			return new Outcome(null, null, null, null, e.getClass().getSimpleName() + ": " + e.getMessage());
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> variables(MockHttpServletRequest request) {
		return (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
	}

	/** The pattern with its variables and wildcards filled in: once with values, once as short as it can be. */
	static List<String> concretePaths(String pattern) {
		List<String> paths = new ArrayList<>();
		paths.add(fill(pattern, "7", "x", "a/b"));
		paths.add(fill(pattern, "ab", "y", ""));
		return paths.stream().map(p -> p.isEmpty() ? "/" : p).distinct().toList();
	}

	private static String fill(String pattern, String variable, String wildcard, String rest) {
		Matcher m = WILDCARD.matcher(pattern);
		StringBuilder out = new StringBuilder();
		while (m.find()) {
			String token = m.group();
			String value = token.startsWith("{*") || token.equals("**") ? rest
					: token.startsWith("{") ? variable : wildcard;
			m.appendReplacement(out, Matcher.quoteReplacement(value));
		}
		m.appendTail(out);
		String path = out.toString();
		if (rest.isEmpty() && path.length() > 1 && path.endsWith("/")) {
			path = path.substring(0, path.length() - 1);
		}
		return path;
	}

	/** The path itself, and paths next to it that match another mapping or none. */
	static List<String> variants(String path) {
		Set<String> variants = new LinkedHashSet<>();
		variants.add(path);
		variants.add(path.endsWith("/") ? path + "zz" : path + "/zz");
		variants.add(path.endsWith("/") ? path.substring(0, path.length() - 1) : path + "/");
		if (path.length() > 1) {
			variants.add(path.substring(0, path.length() - 1));
		}
		variants.add(path.toUpperCase());
		int second = path.indexOf('/', 1);
		if (second > 0) {
			variants.add(path.substring(0, second) + ";v=1" + path.substring(second));
			variants.add(path.substring(0, second) + "/" + path.substring(second));
		}
		if (path.length() > 1 && Character.isLetter(path.charAt(1))) {
			variants.add("/%" + Integer.toHexString(path.charAt(1)).toUpperCase() + path.substring(2));
		}
		return variants.stream().filter(p -> !p.isEmpty()).toList();
	}
}
