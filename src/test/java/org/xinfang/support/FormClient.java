package org.xinfang.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A minimal browser for page tests over real HTTP: keeps cookies (the session), reads the CSRF token from
 * the last page and sends it with form posts, does not follow redirects so tests can see them.
 */
public class FormClient {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	/** What a browser asks for when it follows a link or posts a form. */
	private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,*/*;q=0.8";

	private final String base;

	private final HttpClient client = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private String lastBody = "";

	private String language = "zh-CN";

	private String forwardedFor;

	/** Acts as a client at this address behind the (trusted, local) proxy, as the throttle sees it. */
	public FormClient forwardedFor(String address) {
		this.forwardedFor = address;
		return this;
	}

	/** The Accept-Language sent from now on (default zh-CN). */
	public FormClient language(String language) {
		this.language = language;
		return this;
	}

	public FormClient(int port) {
		this.base = "http://localhost:" + port;
	}

	/** Signs in through the real login form; fails the test when sign-in does not land on the staff page. */
	public FormClient signIn(String username, String password) {
		get("/login");
		HttpResponse<String> response = post("/login", Map.of("username", username, "password", password));
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location").orElse("")).endsWith("/staff");
		return this;
	}

	public HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Accept", BROWSER_ACCEPT)
			.header("Accept-Language", language)
			.GET()
			.build());
	}

	/** Fetches a file (an export, a download) as bytes, as a browser following a link. */
	public HttpResponse<byte[]> download(String path) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
			.header("Accept", BROWSER_ACCEPT)
			.header("Accept-Language", language)
			.GET()
			.build();
		try {
			return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Posts a form with the CSRF token of the last page fetched. */
	public HttpResponse<String> post(String path, Map<String, ?> fields) {
		Map<String, Object> all = new LinkedHashMap<>(fields);
		Matcher m = CSRF.matcher(lastBody);
		if (m.find()) {
			all.put("_csrf", m.group(1));
		}
		String body = all.entrySet().stream().flatMap(e -> {
			Iterable<?> values = e.getValue() instanceof Iterable<?> it ? it : java.util.List.of(e.getValue());
			return java.util.stream.StreamSupport.stream(values.spliterator(), false)
				.map(v -> enc(e.getKey()) + "=" + enc(String.valueOf(v)));
		}).collect(Collectors.joining("&"));
		return send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", BROWSER_ACCEPT)
			.header("Accept-Language", language)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	private HttpResponse<String> send(HttpRequest request) {
		if (forwardedFor != null) {
			request = HttpRequest.newBuilder(request, (name, value) -> true).header("X-Forwarded-For", forwardedFor).build();
		}
		try {
			HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.body() != null && CSRF.matcher(response.body()).find()) {
				lastBody = response.body();
			}
			return response;
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}
}
