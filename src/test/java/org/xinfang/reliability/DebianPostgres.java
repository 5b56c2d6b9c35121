package org.xinfang.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away cluster of Debian's PostgreSQL 15 (package postgresql-15, installed by apt when missing), for the
 * backup test: Debian's pg_dump is version 15 and refuses newer servers, such as the embedded 18. Runs as the
 * user postgres when the test runs as root (PostgreSQL refuses root); trust authentication on 127.0.0.1 only.
 */
final class DebianPostgres implements AutoCloseable {

	static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

	private final Path directory;

	private final int port;

	DebianPostgres() throws IOException, InterruptedException {
		ensureInstalled();
		directory = Files.createTempDirectory("xinfang-backup-pg");
		port = StandaloneDatabase.freePort();
		boolean root = "root".equals(System.getProperty("user.name"));
		if (root) {
			run("chown", "postgres", directory.toString());
		}
		run(asOwner(root, BIN.resolve("initdb").toString(), "-D", directory.resolve("data").toString(), "-U", "postgres",
				"--auth=trust", "-E", "UTF8", "--locale=C"));
		run(asOwner(root, BIN.resolve("pg_ctl").toString(), "-D", directory.resolve("data").toString(), "-o",
				"-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1 -c timezone=UTC", "-l",
				directory.resolve("log").toString(), "-w", "start"));
		this.root = root;
	}

	private final boolean root;

	String jdbcUrl(String database) {
		return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
	}

	void createDatabase(String name) throws IOException, InterruptedException {
		run(BIN.resolve("psql").toString(), "-X", "-q", "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", "postgres",
				"-c", "CREATE DATABASE " + name);
	}

	@Override
	public void close() throws IOException, InterruptedException {
		run(asOwner(root, BIN.resolve("pg_ctl").toString(), "-D", directory.resolve("data").toString(), "-m", "fast",
				"-w", "stop"));
		run("rm", "-rf", directory.toString());
	}

	private static List<String> asOwner(boolean root, String... command) {
		List<String> all = new ArrayList<>();
		if (root) {
			all.addAll(List.of("runuser", "-u", "postgres", "--"));
		}
		all.addAll(List.of(command));
		return all;
	}

	private static synchronized void ensureInstalled() throws IOException, InterruptedException {
		if (Files.isExecutable(BIN.resolve("postgres")) && Files.isExecutable(BIN.resolve("pg_dump"))) {
			return;
		}
		run("bash", "-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15"
				+ " >/dev/null || sudo -n bash -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive"
				+ " apt-get install -y -qq postgresql-15 >/dev/null'");
	}

	static String run(String... command) throws IOException, InterruptedException {
		return run(List.of(command));
	}

	static String run(List<String> command) throws IOException, InterruptedException {
		Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes());
		if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
			throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
		}
		return out;
	}
}
