package org.xinfang.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Starts an embedded PostgreSQL when no database is configured, so that a fresh clone runs with one
 * command and the tests run against a real PostgreSQL on a machine that has none installed.
 *
 * <p>When {@code spring.datasource.url} is set (for example through {@code SPRING_DATASOURCE_URL}) nothing
 * is started and Spring Boot's own datasource settings apply unchanged. Otherwise the server keeps its
 * files in {@code xinfang.embedded-db.directory} (default {@code ./data/postgres}), or, with
 * {@code xinfang.embedded-db.ephemeral=true} (the tests), in a temporary directory removed at exit. One
 * server is started per directory and JVM, so test contexts share it.
 */
public class EmbeddedPostgresEnvironment implements EnvironmentPostProcessor, Ordered {

	static final String SOURCE_NAME = "xinfangEmbeddedPostgres";

	private static final Map<String, EmbeddedPostgres> servers = new ConcurrentHashMap<>();

	/** Deferred: this runs before logging is set up, and Spring Boot replays the lines once it is. */
	private final Log log;

	public EmbeddedPostgresEnvironment(DeferredLogFactory logs) {
		this.log = logs.getLog(EmbeddedPostgresEnvironment.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (StringUtils.hasText(environment.getProperty("spring.datasource.url"))
				|| environment.getPropertySources().contains(SOURCE_NAME)) {
			return;
		}
		boolean ephemeral = environment.getProperty("xinfang.embedded-db.ephemeral", Boolean.class, false);
		String directory = ephemeral ? "ephemeral"
				: Path.of(environment.getProperty("xinfang.embedded-db.directory", "data/postgres"))
						.toAbsolutePath().normalize().toString();
		EmbeddedPostgres server = servers.computeIfAbsent(directory, dir -> start(dir, ephemeral));
		environment.getPropertySources().addFirst(new MapPropertySource(SOURCE_NAME, Map.of(
				"spring.datasource.url", server.getJdbcUrl("postgres", "postgres"),
				"spring.datasource.username", "postgres",
				"spring.datasource.password", "")));
	}

	private EmbeddedPostgres start(String directory, boolean ephemeral) {
		try {
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
					.setPGStartupWait(Duration.ofSeconds(60))
					.setLocaleConfig("encoding", "UTF8")
					.setLocaleConfig("locale", "C")
					.setServerConfig("timezone", "UTC")
					.setServerConfig("max_connections", "200");
			if (!ephemeral) {
				Path dir = Path.of(directory);
				Files.createDirectories(dir.getParent());
				stopOrphan(dir);
				// zonky tunes for throw-away test databases (fsync off, asynchronous commit); data kept between
				// runs must survive a crash, so an acknowledged write is on disk
				builder.setDataDirectory(dir)
					.setCleanDataDirectory(false)
					.setServerConfig("fsync", "on")
					.setServerConfig("synchronous_commit", "on");
			}
			// Stopped by Spring's shutdown handlers, which run after every application context has closed, so
			// nothing still needs the database when it goes (a JVM hook of its own would race the contexts).
			EmbeddedPostgres server = builder.setRegisterShutdownHook(false).start();
			SpringApplication.getShutdownHandlers().add(() -> stop(server));
			log.info("Started embedded PostgreSQL on port " + server.getPort()
					+ (ephemeral ? " (ephemeral)" : " with data in " + directory));
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + directory
					+ "; set SPRING_DATASOURCE_URL to use an external server", ex);
		}
	}

	/**
	 * A previous run killed without its shutdown (kill -9, power loss) can leave its server running on this
	 * data directory, which would refuse a second server. Stop that orphan; a stale pid file alone is
	 * handled by PostgreSQL itself.
	 */
	private void stopOrphan(Path dataDirectory) throws IOException {
		Path pidFile = dataDirectory.resolve("postmaster.pid");
		if (!Files.exists(pidFile)) {
			return;
		}
		String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
		if (!first.matches("\\d+")) {
			return;
		}
		ProcessHandle.of(Long.parseLong(first))
			.filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false))
			.ifPresent(orphan -> {
				log.warn("Stopping an orphaned embedded PostgreSQL (pid " + orphan.pid() + ") left by an earlier run");
				orphan.destroy();
				try {
					orphan.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
				}
				catch (Exception ex) {
					orphan.destroyForcibly();
				}
			});
	}

	private static void stop(EmbeddedPostgres server) {
		try {
			server.close();
		}
		catch (IOException ex) {
			LogFactory.getLog(EmbeddedPostgresEnvironment.class).warn("Could not stop the embedded PostgreSQL cleanly", ex);
		}
	}

	@Override
	public int getOrder() {
		// after application.yml and profile files are loaded, so their settings count
		return Ordered.LOWEST_PRECEDENCE;
	}
}
