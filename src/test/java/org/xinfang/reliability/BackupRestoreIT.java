package org.xinfang.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue #5 item 7: a backup with {@code ops/backup.sh} restored with {@code ops/restore.sh} into a new database
 * holds the same matters, attachments and documents (byte for byte) and the same audit chain, which the
 * application started on the restored database verifies, and a petitioner's code and secret still work there.
 *
 * <p>Runs on Debian's PostgreSQL 15 (an external server, as in production), because Debian's pg_dump 15
 * cannot dump the embedded PostgreSQL 18.
 */
class BackupRestoreIT {

	private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

	private static final Pattern CODE = Pattern.compile("\"trackingCode\"\\s*:\\s*\"(XF[0-9A-Z]{10})\"");

	private static final Pattern SECRET = Pattern.compile("\"querySecret\"\\s*:\\s*\"([^\"]+)\"");

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void restoredDatabaseHasTheSameMattersDocumentsAndAuditChain() throws Exception {
		long began = System.nanoTime();
		Path work = Files.createTempDirectory("xinfang-backup");
		Path log = work.resolve("app.log");
		try (DebianPostgres db = new DebianPostgres()) {
			db.createDatabase("xinfang");
			String code;
			String secret;
			try (AppProcess app = new AppProcess(db.jdbcUrl("xinfang"), log)) {
				app.start();
				Submissions client = new Submissions();
				for (int i = 0; i < 12; i++) {
					assertThat(client.send(app.uri(""), Submissions.next(i % 2 == 0)).acknowledged()).isTrue();
				}
				String petition = send(app, "POST", "/api/v1/public/petitions", null,
						Submissions.next(false).body(), 201);
				code = match(CODE, petition);
				secret = match(SECRET, petition);
				// a matter with two attachments, assigned and accepted: the acceptance notice is an issued PDF
				String registered = send(app, "POST", "/api/v1/matters", "demo-registrar", Submissions.next(true).body(), 201);
				long id = Long.parseLong(match(ID, registered));
				attach(app, id, "scan.png", "image/png", new byte[] { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3 });
				attach(app, id, "letter.pdf", "application/pdf", "%PDF-1.7\n1 0 obj\n<<>>\nendobj\n".getBytes());
				send(app, "POST", "/api/v1/matters/" + id + "/actions/ASSIGN", "demo-registrar", "{\"unitCode\":\"X1-RMYY\"}", 200);
				send(app, "POST", "/api/v1/matters/" + id + "/actions/ACCEPT", "demo-head", "{\"note\":\"受理\"}", 200);
			}
			Map<String, String> env = Map.of("SPRING_DATASOURCE_URL", db.jdbcUrl("xinfang"), "SPRING_DATASOURCE_USERNAME",
					"postgres", "PG_BIN", DebianPostgres.BIN.toString());
			Path dump = work.resolve("xinfang.dump");
			String backup = script(env, "ops/backup.sh", dump.toString());
			String restore = script(env, "ops/restore.sh", dump.toString(), "xinfang_restored");
			assertThat(restore).contains("verified");

			Map<String, Object> source = figures(db.jdbcUrl("xinfang"));
			Map<String, Object> restored = figures(db.jdbcUrl("xinfang_restored"));
			assertThat(restored).isEqualTo(source);
			assertThat((Long) source.get("matters")).isGreaterThanOrEqualTo(14);
			assertThat((Long) source.get("attachments")).isGreaterThanOrEqualTo(2);
			assertThat((Long) source.get("documents")).isGreaterThanOrEqualTo(1);

			try (AppProcess app = new AppProcess(db.jdbcUrl("xinfang_restored"), log)) {
				app.start();
				String verification = send(app, "GET", "/api/v1/admin/audit/verify", "demo-admin", null, 200);
				assertThat(verification).contains("\"intact\":true")
					.contains("\"entriesChecked\":" + source.get("audit_entries"));
				HttpResponse<String> tracked = http.send(HttpRequest.newBuilder(app.uri("/api/v1/public/petitions/" + code))
					.header("X-Query-Secret", secret).build(), HttpResponse.BodyHandlers.ofString());
				assertThat(tracked.statusCode()).as(tracked.body()).isEqualTo(200);
				// and the restored database takes new petitions: sequences were restored too
				assertThat(new Submissions().send(app.uri(""), Submissions.next(false)).acknowledged()).isTrue();
			}
			System.out.printf("RELIABILITY backup-restore matters=%s attachments=%s documents=%s audit_entries=%s "
					+ "chain=intact dump_bytes=%d seconds=%d%n", source.get("matters"), source.get("attachments"),
					source.get("documents"), source.get("audit_entries"), Files.size(dump),
					(System.nanoTime() - began) / 1_000_000_000L);
			System.out.println(backup);
		}
	}

	/** Counts, hashes over all attachment and document bytes, and the audit chain itself, straight from SQL. */
	private static Map<String, Object> figures(String url) throws Exception {
		try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
			Map<String, Object> f = new java.util.TreeMap<>();
			f.put("matters", single(s, "SELECT count(*) FROM matter"));
			f.put("attachments", single(s, "SELECT count(*) FROM attachment"));
			f.put("documents", single(s, "SELECT count(*) FROM document"));
			f.put("audit_entries", single(s, "SELECT count(*) FROM audit_entry"));
			f.put("attachment_bytes", list(s, "SELECT id || ':' || encode(sha256(content), 'hex') FROM attachment ORDER BY id"));
			f.put("document_bytes", list(s, "SELECT id || ':' || encode(sha256(pdf), 'hex') FROM document ORDER BY id"));
			f.put("audit_chain", list(s, "SELECT seq || ':' || prev_hash || ':' || hash FROM audit_entry ORDER BY seq"));
			f.put("tracking_codes", list(s, "SELECT tracking_code || ':' || query_secret_hash FROM matter ORDER BY id"));
			return f;
		}
	}

	private static long single(Statement s, String sql) throws Exception {
		try (ResultSet rs = s.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	private static List<String> list(Statement s, String sql) throws Exception {
		List<String> all = new ArrayList<>();
		try (ResultSet rs = s.executeQuery(sql)) {
			while (rs.next()) {
				all.add(rs.getString(1));
			}
		}
		return all;
	}

	private static String script(Map<String, String> env, String... command) throws Exception {
		List<String> all = new ArrayList<>(List.of("bash"));
		all.addAll(List.of(command));
		ProcessBuilder builder = new ProcessBuilder(all).redirectErrorStream(true);
		builder.environment().putAll(env);
		Process p = builder.start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(p.waitFor()).as(String.join(" ", command) + ":\n" + out).isZero();
		return out;
	}

	private String send(AppProcess app, String method, String path, String user, String json, int status)
			throws Exception {
		HttpRequest.Builder b = HttpRequest.newBuilder(app.uri(path))
			.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
			.header("Content-Type", "application/json");
		if (user != null) {
			b.header("Authorization", Submissions.basic(user));
		}
		HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(status);
		return r.body();
	}

	private void attach(AppProcess app, long id, String name, String type, byte[] content) throws Exception {
		String boundary = "----backup" + System.nanoTime();
		java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
		body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
				+ "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
		body.writeBytes(content);
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> r = http.send(HttpRequest.newBuilder(app.uri("/api/v1/matters/" + id + "/attachments"))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.header("Authorization", Submissions.basic("demo-registrar"))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
	}

	private static String match(Pattern pattern, String text) {
		Matcher m = pattern.matcher(text);
		assertThat(m.find()).as(text).isTrue();
		return m.group(1);
	}
}
