package org.xinfang.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One person at one browser or API client: signs in once through the login form and then sends every request
 * of the matrix with that session (the API accepts the session of a signed-in page user), so the matrix does
 * not pay a password hash per request. Page posts carry the session's CSRF token; every request comes from a
 * client address of its own behind the trusted local proxy, so the portal's look-up throttle never interferes.
 */
final class Agent {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	private static final AtomicInteger clients = new AtomicInteger();

	private final String base;

	private final HttpClient client = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private String csrf;

	Agent(int port) {
		this.base = "http://localhost:" + port;
	}

	/** A visitor without an account: has a session (and its CSRF token) from the login page. */
	void anonymous() {
		csrf(send(Call.page("GET", "/login")));
	}

	void signIn(String username, String password) {
		csrf(send(Call.page("GET", "/login")));
		Answer in = send(Call.page("POST", "/login").form(Map.of("username", username, "password", password)));
		assertThat(in.status()).as("sign-in of " + username).isEqualTo(302);
		assertThat(in.headers().firstValue("Location").orElse("")).endsWith("/staff");
		csrf(send(Call.page("GET", "/staff")));
	}

	private void csrf(Answer answer) {
		Matcher m = CSRF.matcher(answer.body());
		assertThat(m.find()).as("a CSRF token on the page").isTrue();
		csrf = m.group(1);
	}

	record Answer(int status, HttpHeaders headers, String body) {
	}

	/** A request of the matrix: method, path, headers, body. */
	record Call(String method, String path, boolean page, Map<String, String> headers, String contentType, byte[] body,
			Map<String, String> form) {

		static Call api(String method, String path) {
			return new Call(method, path, false, new LinkedHashMap<>(Map.of("Accept", "application/json")), null, null,
					null);
		}

		static Call page(String method, String path) {
			return new Call(method, path, true,
					new LinkedHashMap<>(Map.of("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")), null, null,
					method.equals("POST") ? Map.of() : null);
		}

		Call header(String name, String value) {
			headers.put(name, value);
			return this;
		}

		Call json(String json) {
			return new Call(method, path, page, headers, "application/json", json.getBytes(StandardCharsets.UTF_8),
					null);
		}

		Call form(Map<String, String> fields) {
			return new Call(method, path, page, headers, null, null, fields);
		}

		Call pdf(String filename, byte[] content) {
			String boundary = "matrix" + System.nanoTime();
			byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
					+ "\"\r\nContent-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8);
			byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
			byte[] all = new byte[head.length + content.length + tail.length];
			System.arraycopy(head, 0, all, 0, head.length);
			System.arraycopy(content, 0, all, head.length, content.length);
			System.arraycopy(tail, 0, all, head.length + content.length, tail.length);
			return new Call(method, path, page, headers, "multipart/form-data; boundary=" + boundary, all, null);
		}
	}

	Answer send(Call call) {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + call.path()))
			.header("Accept-Language", "zh-CN")
			.header("X-Forwarded-For", "10.66." + (clients.get() / 250 % 250) + "." + (clients.incrementAndGet() % 250));
		call.headers().forEach(b::setHeader);
		HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
		if (call.form() != null) {
			Map<String, String> fields = new LinkedHashMap<>(call.form());
			if (csrf != null) {
				fields.put("_csrf", csrf);
			}
			b.header("Content-Type", "application/x-www-form-urlencoded");
			body = HttpRequest.BodyPublishers.ofString(fields.entrySet()
				.stream()
				.map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
				.collect(Collectors.joining("&")));
		}
		else if (call.body() != null) {
			b.header("Content-Type", call.contentType());
			body = HttpRequest.BodyPublishers.ofByteArray(call.body());
		}
		b.method(call.method(), body);
		try {
			HttpResponse<byte[]> response = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
			return new Answer(response.statusCode(), response.headers(),
					new String(response.body(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
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
