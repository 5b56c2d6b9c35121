package org.xinfang.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.server.RequestPath;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Spring MVC's handler mapping of the controllers, with a cheap first test of each mapping's path.
 *
 * <p>Why: a URL with a path variable ({@code /api/v1/matters/517031}) has no direct-path entry, so the base class
 * tests every one of the application's ~250 {@link RequestMappingInfo}s against the request, each test asking the
 * method, the CORS headers and the parsed path through the request's wrappers. That was 9.5 % of the request
 * threads' samples of B2 (BENCHMARKS.md "Causes and fixes", 100). Here each mapping's path patterns are reduced
 * once to their <em>literal prefixes</em> — the pattern's text up to the {@code /} that starts the first segment
 * holding a variable or wildcard ({@code /api/v1/matters/{id}} → {@code /api/v1/matters}), or the whole pattern
 * without a trailing {@code /} when it has none — and a mapping none of whose prefixes starts the request's path
 * is rejected without the full test: its patterns cannot match, so the base class would have rejected it too.
 *
 * <p>The shortcut only ever removes mappings that cannot match; which mappings match, in which order, and what a
 * request that matches nothing gets (404, 405, 415 …: the base class's {@code handleNoMatch} still sees every
 * mapping) are the base class's. It steps aside, and the full test runs, whenever the reasoning above might not
 * hold: the request path holds {@code %} or {@code ;} (patterns match the decoded segments without their matrix
 * parameters), the parser matches case-insensitively, the mapping has no parsed path patterns (the
 * {@code AntPathMatcher} style), or one of its patterns holds {@code %} or {@code ;} or has an empty prefix
 * ({@code /{*path}}). {@code LiteralPrefixHandlerMappingTests} compares it with the full test over every mapping
 * of the application.
 */
public class LiteralPrefixHandlerMapping extends RequestMappingHandlerMapping {

	/** No prefixes: the mapping always gets the full test. */
	private static final String[] ALWAYS_TEST = new String[0];

	/** The path of the look-up running on this thread, or null when the shortcut does not apply to it. */
	private static final ThreadLocal<String> LOOKUP_PATH = new ThreadLocal<>();

	private final Map<RequestMappingInfo, String[]> prefixes = new ConcurrentHashMap<>();

	private volatile boolean shortcut = true;

	/** Off: every mapping gets the base class's full test (for the tests that compare the two). */
	void setShortcut(boolean shortcut) {
		this.shortcut = shortcut;
	}

	@Override
	protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
		String outer = LOOKUP_PATH.get();
		LOOKUP_PATH.set(shortcutPath(request));
		try {
			return super.lookupHandlerMethod(lookupPath, request);
		}
		finally {
			if (outer == null) {
				LOOKUP_PATH.remove();
			}
			else {
				LOOKUP_PATH.set(outer);
			}
		}
	}

	@Override
	protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
		String path = LOOKUP_PATH.get();
		if (path != null && !anyStarts(path, prefixesOf(info))) {
			return null;
		}
		return super.getMatchingMapping(info, request);
	}

	@Override
	public void unregisterMapping(RequestMappingInfo mapping) {
		super.unregisterMapping(mapping);
		this.prefixes.remove(mapping);
	}

	/**
	 * The path the prefixes are compared with — the same path within the application that the patterns are matched
	 * against — or null when the comparison could reject a mapping that matches.
	 */
	private String shortcutPath(HttpServletRequest request) {
		PathPatternParser parser = getPatternParser();
		if (!this.shortcut || parser == null || !parser.isCaseSensitive()
				|| !ServletRequestPathUtils.hasParsedRequestPath(request)) {
			return null;
		}
		RequestPath requestPath = ServletRequestPathUtils.getParsedRequestPath(request);
		String path = requestPath.pathWithinApplication().value();
		return path.indexOf('%') >= 0 || path.indexOf(';') >= 0 ? null : path;
	}

	private String[] prefixesOf(RequestMappingInfo info) {
		String[] known = this.prefixes.get(info);
		return known != null ? known : this.prefixes.computeIfAbsent(info, LiteralPrefixHandlerMapping::literalPrefixes);
	}

	private static boolean anyStarts(String path, String[] prefixes) {
		if (prefixes.length == 0) {
			return true;
		}
		for (String prefix : prefixes) {
			if (path.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

	/** Every pattern's literal prefix; none (always the full test) when any one of them cannot be relied upon. */
	static String[] literalPrefixes(RequestMappingInfo info) {
		PathPatternsRequestCondition condition = info.getPathPatternsCondition();
		if (condition == null) {
			return ALWAYS_TEST;
		}
		Set<PathPattern> patterns = condition.getPatterns();
		String[] result = new String[patterns.size()];
		int i = 0;
		for (PathPattern pattern : patterns) {
			String prefix = literalPrefix(pattern.getPatternString());
			if (prefix == null) {
				return ALWAYS_TEST;
			}
			result[i++] = prefix;
		}
		return result.length == 0 ? ALWAYS_TEST : result;
	}

	/**
	 * The text every path the pattern matches starts with, or null when there is none to rely on: up to the
	 * {@code /} before the segment of the first variable or wildcard (a {@code /**} or {@code /{*rest}} also matches
	 * the path without its last {@code /}), the whole pattern without a trailing {@code /} when it is all literal.
	 */
	static String literalPrefix(String pattern) {
		if (pattern.indexOf('%') >= 0 || pattern.indexOf(';') >= 0) {
			return null;
		}
		int wild = firstOf(pattern, "{*?");
		String prefix;
		if (wild < 0) {
			prefix = pattern.endsWith("/") ? pattern.substring(0, pattern.length() - 1) : pattern;
		}
		else {
			int slash = pattern.lastIndexOf('/', wild);
			prefix = slash <= 0 ? "" : pattern.substring(0, slash);
		}
		return prefix.isEmpty() ? null : prefix;
	}

	private static int firstOf(String text, String characters) {
		for (int i = 0; i < text.length(); i++) {
			if (characters.indexOf(text.charAt(i)) >= 0) {
				return i;
			}
		}
		return -1;
	}
}
