package org.xinfang.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * without a trailing {@code /} when it has none — and the mappings are indexed by them. A look-up first collects
 * its candidates: the mappings whose prefix is the request's path or is followed in it by a {@code /} (every path
 * a pattern matches has its separator there, or ends there), and those without a prefix. Every other mapping's
 * patterns cannot match, so the base class would reject it too: {@link #getMatchingMapping} rejects it at once, by
 * identity, without reading it (testing a prefix per mapping still read all 250 of them, and saved only a third).
 *
 * <p>The shortcut only ever removes mappings that cannot match; which mappings match, in which order, and what a
 * request that matches nothing gets (404, 405, 415 …: the base class's {@code handleNoMatch} still sees every
 * mapping) are the base class's. It steps aside, and the full test runs, whenever the reasoning above might not
 * hold: the request path holds {@code %} or {@code ;} (patterns match the decoded segments without their matrix
 * parameters), the parser matches case-insensitively, the mapping has no parsed path patterns (the
 * {@code AntPathMatcher} style), or one of its patterns holds {@code %} or {@code ;} or has an empty prefix
 * ({@code /{*path}}), or more than 64 mappings are candidates. {@code LiteralPrefixHandlerMappingTests} compares it
 * with the plain base class over every mapping of the application.
 */
public class LiteralPrefixHandlerMapping extends RequestMappingHandlerMapping {

	/** No prefixes: the mapping always gets the full test. */
	private static final String[] ALWAYS_TEST = new String[0];

	/** Above this many candidates the identity scan below costs more than it saves: the full test for all. */
	private static final int MOST_CANDIDATES = 64;

	/** The candidates of the look-up running on this thread, or null when the shortcut does not apply to it. */
	private static final ThreadLocal<RequestMappingInfo[]> CANDIDATES = new ThreadLocal<>();

	/** The registered mappings by literal prefix; null until the first look-up after a registration. */
	private volatile Index index;

	/** A registration drops the index after it is complete; a build reads the registrations under this lock. */
	private final Object indexLock = new Object();

	private volatile boolean shortcut = true;

	/** Off: every mapping gets the base class's full test (for the tests that compare the two). */
	void setShortcut(boolean shortcut) {
		this.shortcut = shortcut;
	}

	@Override
	protected void registerHandlerMethod(Object handler, Method method, RequestMappingInfo mapping) {
		super.registerHandlerMethod(handler, method, mapping);
		forgetIndex();
	}

	@Override
	public void registerMapping(RequestMappingInfo mapping, Object handler, Method method) {
		super.registerMapping(mapping, handler, method);
		forgetIndex();
	}

	@Override
	public void unregisterMapping(RequestMappingInfo mapping) {
		super.unregisterMapping(mapping);
		forgetIndex();
	}

	private void forgetIndex() {
		synchronized (this.indexLock) {
			this.index = null;
		}
	}

	@Override
	protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
		RequestMappingInfo[] outer = CANDIDATES.get();
		CANDIDATES.set(candidates(request));
		try {
			return super.lookupHandlerMethod(lookupPath, request);
		}
		finally {
			if (outer == null) {
				CANDIDATES.remove();
			}
			else {
				CANDIDATES.set(outer);
			}
		}
	}

	@Override
	protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
		RequestMappingInfo[] candidates = CANDIDATES.get();
		if (candidates != null && !isAmong(info, candidates)) {
			return null;
		}
		return super.getMatchingMapping(info, request);
	}

	/** By identity, so that a rejected mapping is not even read: most of the cost was reading 250 mappings. */
	private static boolean isAmong(RequestMappingInfo info, RequestMappingInfo[] candidates) {
		for (RequestMappingInfo candidate : candidates) {
			if (candidate == info) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The mappings that can match the request: those without a prefix to rely on, and those with a prefix that is
	 * the request's path or is followed in it by a {@code /} (a pattern that matches has a separator there, or ends
	 * there). Null — the full test for every mapping — when the comparison could reject a mapping that matches.
	 */
	private RequestMappingInfo[] candidates(HttpServletRequest request) {
		PathPatternParser parser = getPatternParser();
		if (!this.shortcut || parser == null || !parser.isCaseSensitive()
				|| !ServletRequestPathUtils.hasParsedRequestPath(request)) {
			return null;
		}
		RequestPath requestPath = ServletRequestPathUtils.getParsedRequestPath(request);
		String path = requestPath.pathWithinApplication().value();
		if (path.indexOf('%') >= 0 || path.indexOf(';') >= 0) {
			return null;
		}
		Index current = this.index;
		if (current == null) {
			synchronized (this.indexLock) {
				if (this.index == null) {
					this.index = Index.of(getHandlerMethods().keySet());
				}
				current = this.index;
			}
		}
		List<RequestMappingInfo> found = new ArrayList<>(current.always());
		for (int end = 1; end <= path.length(); end++) {
			if (end == path.length() || path.charAt(end) == '/') {
				List<RequestMappingInfo> bucket = current.byPrefix().get(path.substring(0, end));
				if (bucket != null) {
					found.addAll(bucket);
				}
			}
		}
		return found.size() > MOST_CANDIDATES ? null : found.toArray(new RequestMappingInfo[0]);
	}

	record Index(Map<String, List<RequestMappingInfo>> byPrefix, List<RequestMappingInfo> always) {

		static Index of(Set<RequestMappingInfo> mappings) {
			Map<String, List<RequestMappingInfo>> byPrefix = new HashMap<>();
			List<RequestMappingInfo> always = new ArrayList<>();
			for (RequestMappingInfo info : mappings) {
				String[] prefixes = literalPrefixes(info);
				if (prefixes.length == 0) {
					always.add(info);
				}
				for (String prefix : prefixes) {
					byPrefix.computeIfAbsent(prefix, p -> new ArrayList<>()).add(info);
				}
			}
			return new Index(Map.copyOf(byPrefix), List.copyOf(always));
		}
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
