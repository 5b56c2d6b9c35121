package org.xinfang.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packaged application (the jar {@code mvn verify} built, named by the system property {@code xinfang.jar})
 * as a separate process on an external database, as in production. Started with the demo profile so staff
 * accounts exist; killed with SIGKILL when a test wants a crash.
 */
final class AppProcess implements AutoCloseable {

	static final String DEMO_PASSWORD = "xinfang-demo";

	private final String jdbcUrl;

	private final Path log;

	private final List<String> extraArguments;

	private final int port;

	private Process process;

	AppProcess(String jdbcUrl, Path log, String... extraArguments) throws IOException {
		this.jdbcUrl = jdbcUrl;
		this.log = log;
		this.extraArguments = List.of(extraArguments);
		this.port = StandaloneDatabase.freePort();
	}

	static Path jar() {
		String jar = System.getProperty("xinfang.jar");
		if (jar == null || !Files.isRegularFile(Path.of(jar))) {
			throw new IllegalStateException("No packaged jar (system property xinfang.jar = " + jar
					+ "): run with mvn verify");
		}
		return Path.of(jar);
	}

	/** Starts the process and waits until its health is UP; returns the time that took. */
	Duration start() throws IOException, InterruptedException {
		long begin = System.nanoTime();
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx512m", "-Duser.timezone=Asia/Shanghai", "-jar", jar().toString(), "--server.port=" + port,
				"--spring.profiles.active=demo"));
		command.addAll(extraArguments);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		Map<String, String> env = builder.environment();
		env.put("SPRING_DATASOURCE_URL", jdbcUrl);
		env.put("SPRING_DATASOURCE_USERNAME", "postgres");
		env.put("SPRING_DATASOURCE_PASSWORD", "postgres");
		process = builder.start();
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException("The application exited with " + process.exitValue() + "; see " + log);
			}
			try {
				HttpResponse<String> health = http.send(HttpRequest.newBuilder(uri("/actuator/health"))
					.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
				if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
					return Duration.ofNanos(System.nanoTime() - begin);
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(250);
		}
		throw new IllegalStateException("The application did not become healthy in 120 s; see " + log);
	}

	/** kill -9: no shutdown hook, no flushing, no goodbye. */
	void kill() throws InterruptedException {
		process.destroyForcibly();
		process.waitFor();
	}

	URI uri(String path) {
		return URI.create("http://localhost:" + port + path);
	}

	@Override
	public void close() throws InterruptedException {
		if (process != null && process.isAlive()) {
			process.destroy();
			if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
				kill();
			}
		}
	}
}
