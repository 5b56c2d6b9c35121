package org.xinfang.organisation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.transaction.support.TransactionTemplate;
import org.xinfang.organisation.Role;
import org.xinfang.organisation.StaffPrincipal;
import org.xinfang.support.Fixtures;
import org.xinfang.support.XinfangTest;

/**
 * Reading the session of every signed-in request (BENCHMARKS.md, "Causes and fixes" 110): the database stays the
 * only truth. What another instance changes or deletes is seen by the very next request; sign-in, sign-out and
 * concurrent requests of one session behave as before. The "other server" is a second JDBC session store of its
 * own on the same database.
 */
@XinfangTest
class SessionReadTests {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	private static final String SECURITY_CONTEXT = "SPRING_SECURITY_CONTEXT";

	private static final String CSRF_TOKEN = "org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository.CSRF_TOKEN";

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void concurrentRequestsOfOneSessionEachSeeTheSignedInUser() throws Exception {
		StaffPrincipal user = fixtures.user(fixtures.commission(), Role.SUPERVISOR);
		Client client = new Client().signIn(user.username());
		ExecutorService pool = Executors.newFixedThreadPool(6);
		try {
			List<Future<HttpResponse<String>>> answers = new ArrayList<>();
			for (int i = 0; i < 60; i++) {
				String path = i % 3 == 0 ? "/staff" : "/api/v1/me";
				answers.add(pool.submit((Callable<HttpResponse<String>>) () -> client.get(path)));
			}
			for (Future<HttpResponse<String>> answer : answers) {
				HttpResponse<String> response = answer.get();
				assertThat(response.statusCode()).isEqualTo(200);
				assertThat(response.body()).contains(response.uri().getPath().equals("/staff") ? user.displayName()
						: "\"username\":\"" + user.username() + "\"");
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(sessions(user)).isEqualTo(1);
		assertThat(client.get("/api/v1/me").body()).contains("SUPERVISOR");
	}

	@Test
	void aSecurityContextChangedByAnotherInstanceIsSeenByTheNextRequest() {
		StaffPrincipal user = fixtures.user(fixtures.commission(), Role.SUPERVISOR);
		Client client = new Client().signIn(user.username());
		for (int i = 0; i < 3; i++) {
			// read (and deserialised, and kept) by this instance
			assertThat(client.get("/api/v1/me").body()).contains("SUPERVISOR").doesNotContain("HANDLER");
		}
		SessionRepository<Session> other = otherServer();
		Session session = other.findById(client.sessionId());
		// the other server stores a context of other roles (as a re-authentication there would)
		StaffPrincipal changed = new StaffPrincipal(user.userId(), user.username(), user.displayName(), user.unitId(),
				user.unitCode(), user.unitName(), user.unitPath(), Set.of(Role.HANDLER));
		StaffUserDetails details = new StaffUserDetails(changed, null, true, null, Clock.systemUTC());
		session.setAttribute(SECURITY_CONTEXT, new SecurityContextImpl(UsernamePasswordAuthenticationToken
			.authenticated(details, null, List.of(new SimpleGrantedAuthority(Role.HANDLER.authority())))));
		other.save(session);

		String me = client.get("/api/v1/me").body();
		assertThat(me).contains("HANDLER").doesNotContain("SUPERVISOR");
		// the supervision pages follow the stored context at once
		assertThat(client.get("/api/v1/me").body()).contains("HANDLER");

		// deleted by the other server: the next request is not signed in, here as everywhere
		other.deleteById(client.sessionId());
		assertThat(client.get("/api/v1/me").statusCode()).isEqualTo(401);
		HttpResponse<String> page = client.get("/staff");
		assertThat(page.statusCode()).isEqualTo(302);
		assertThat(page.headers().firstValue("Location").orElse("")).endsWith("/login");
	}

	@Test
	void aCsrfTokenChangedByAnotherInstanceIsTheOnlyOneAcceptedAndSignOutEndsTheSession() {
		StaffPrincipal user = fixtures.user(fixtures.commission(), Role.SUPERVISOR);
		Client client = new Client().signIn(user.username());
		client.get("/staff");
		client.get("/staff");
		String before = client.csrf();
		SessionRepository<Session> other = otherServer();
		Session session = other.findById(client.sessionId());
		CsrfToken old = session.getAttribute(CSRF_TOKEN);
		session.setAttribute(CSRF_TOKEN,
				new DefaultCsrfToken(old.getHeaderName(), old.getParameterName(), java.util.UUID.randomUUID().toString()));
		other.save(session);

		// the token this instance read before the change is refused
		HttpResponse<String> refused = client.postWith(before, "/logout", Map.of());
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(sessions(user)).isEqualTo(1);

		// the page shows the new token; with it, sign-out works and the session row is gone
		assertThat(client.get("/staff").statusCode()).isEqualTo(200);
		assertThat(client.csrf()).isNotEqualTo(before);
		HttpResponse<String> out = client.post("/logout", Map.of());
		assertThat(out.statusCode()).isEqualTo(302);
		assertThat(out.headers().firstValue("Location").orElse("")).endsWith("/login?logout");
		assertThat(sessions(user)).isZero();
		assertThat(client.get("/api/v1/me").statusCode()).isEqualTo(401);
	}

	@Test
	void signInChangesTheSessionIdAndTheCsrfTokenAndTheOldOnesAreDead() {
		StaffPrincipal user = fixtures.user(fixtures.commission(), Role.SUPERVISOR);
		Client client = new Client();
		client.get("/login");
		String anonymousId = client.sessionId();
		String anonymousToken = client.csrf();
		byte[] anonymousStored = storedCsrf(anonymousId);
		assertThat(anonymousStored).isNotNull();
		HttpResponse<String> signedIn = client.post("/login",
				Map.of("username", user.username(), "password", Fixtures.PASSWORD));
		assertThat(signedIn.statusCode()).isEqualTo(302);
		String signedInId = client.sessionId();

		// session fixation protection: a new id, the old one leads nowhere
		assertThat(signedInId).isNotEqualTo(anonymousId);
		assertThat(jdbc.sql("SELECT count(*) FROM spring_session WHERE session_id = :id")
			.param("id", anonymousId)
			.query(Long.class)
			.single()).isZero();
		Client fixated = new Client();
		fixated.useSession(anonymousId);
		assertThat(fixated.get("/api/v1/me").statusCode()).isEqualTo(401);

		// the CSRF token of the anonymous page is replaced on sign-in and refused afterwards
		assertThat(client.get("/staff").statusCode()).isEqualTo(200);
		assertThat(storedCsrf(signedInId)).isNotNull().isNotEqualTo(anonymousStored);
		assertThat(client.postWith(anonymousToken, "/logout", Map.of()).statusCode()).isEqualTo(403);
		assertThat(client.post("/logout", Map.of()).statusCode()).isEqualTo(302);
		assertThat(sessions(user)).isZero();
	}

	/** A second server's session store: the same tables, a store and a deserialiser of its own. */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	private SessionRepository<Session> otherServer() {
		JdbcIndexedSessionRepository other = new JdbcIndexedSessionRepository(new JdbcTemplate(dataSource),
				transactions);
		other.setConversionService(ReusingSessionDeserializer.conversionService(getClass().getClassLoader()));
		return (SessionRepository) other;
	}

	private byte[] storedCsrf(String sessionId) {
		return jdbc.sql("""
				SELECT a.attribute_bytes FROM spring_session_attributes a
				JOIN spring_session s ON s.primary_id = a.session_primary_id
				WHERE s.session_id = :id AND a.attribute_name = :name
				""").param("id", sessionId).param("name", CSRF_TOKEN).query(byte[].class).optional().orElse(null);
	}

	private long sessions(StaffPrincipal user) {
		return jdbc.sql("SELECT count(*) FROM spring_session WHERE principal_name = :name")
			.param("name", user.username())
			.query(Long.class)
			.single();
	}

	/** A browser whose session cookie the test can read and set. */
	private final class Client {

		private final CookieManager cookies = new CookieManager();

		private final HttpClient http = HttpClient.newBuilder()
			.cookieHandler(cookies)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();

		private volatile String lastToken;

		Client signIn(String username) {
			get("/login");
			HttpResponse<String> response = post("/login", Map.of("username", username, "password", Fixtures.PASSWORD));
			assertThat(response.statusCode()).isEqualTo(302);
			assertThat(response.headers().firstValue("Location").orElse("")).endsWith("/staff");
			return this;
		}

		String sessionId() {
			HttpCookie cookie = cookies.getCookieStore()
				.getCookies()
				.stream()
				.filter(c -> c.getName().equals("SESSION"))
				.findFirst()
				.orElseThrow();
			return new String(Base64.getDecoder().decode(cookie.getValue()), StandardCharsets.UTF_8);
		}

		void useSession(String id) {
			HttpCookie cookie = new HttpCookie("SESSION",
					Base64.getEncoder().encodeToString(id.getBytes(StandardCharsets.UTF_8)));
			cookie.setPath("/");
			cookie.setVersion(0);
			cookies.getCookieStore().add(URI.create("http://localhost:" + port + "/"), cookie);
		}

		String csrf() {
			return lastToken;
		}

		HttpResponse<String> get(String path) {
			return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
				.header("Accept", path.startsWith("/api/") ? "application/json" : "text/html")
				.GET()
				.build());
		}

		HttpResponse<String> post(String path, Map<String, String> fields) {
			return postWith(lastToken, path, fields);
		}

		HttpResponse<String> postWith(String token, String path, Map<String, String> fields) {
			Map<String, String> all = new java.util.LinkedHashMap<>(fields);
			if (token != null) {
				all.put("_csrf", token);
			}
			String body = all.entrySet()
				.stream()
				.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
						+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
				.collect(Collectors.joining("&"));
			return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("Accept", "text/html")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build());
		}

		private HttpResponse<String> send(HttpRequest request) {
			try {
				HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
				Matcher m = CSRF.matcher(response.body() == null ? "" : response.body());
				if (m.find()) {
					lastToken = m.group(1);
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
	}

}
