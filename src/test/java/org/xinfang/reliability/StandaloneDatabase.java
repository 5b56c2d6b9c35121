package org.xinfang.reliability;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A PostgreSQL server of the test's own, outside the application process, so the application can be killed
 * while the database lives on — or the database stopped and started again (same port, same data) while the
 * application runs. Durable settings (fsync on) as in production.
 */
final class StandaloneDatabase implements AutoCloseable {

	private final Path dataDirectory;

	private final int port;

	private EmbeddedPostgres server;

	StandaloneDatabase() throws IOException {
		this.dataDirectory = Files.createTempDirectory("xinfang-reliability-pg");
		this.port = freePort();
		start();
	}

	void start() throws IOException {
		server = EmbeddedPostgres.builder()
			.setDataDirectory(dataDirectory)
			.setCleanDataDirectory(false)
			.setPort(port)
			.setServerConfig("timezone", "UTC")
			.setServerConfig("max_connections", "200")
			.setServerConfig("fsync", "on")
			.setServerConfig("synchronous_commit", "on")
			.setRegisterShutdownHook(false)
			.start();
	}

	/** Stops the server (fast shutdown: open connections are terminated). */
	void stop() throws IOException {
		server.close();
		server = null;
	}

	String jdbcUrl() {
		return "jdbc:postgresql://localhost:" + port + "/postgres";
	}

	DataSource dataSource() {
		return server.getPostgresDatabase();
	}

	Connection connect() throws SQLException {
		return dataSource().getConnection();
	}

	@Override
	public void close() throws IOException {
		if (server != null) {
			stop();
		}
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
	}
}
