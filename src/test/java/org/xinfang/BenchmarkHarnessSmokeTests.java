package org.xinfang;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.xinfang.support.XinfangTest;

/**
 * Keeps the benchmark harness of {@code bench/} from rotting: runs the shipped {@code bench/Harness.java}, as
 * {@code bench/run.sh} does, against this test's application and database with a tiny load (200 matters) and
 * one pass of each measurement: B2, B3, B4, and B1 (at least one full lifecycle, staff with bearer tokens) with
 * B5's sampling of this JVM (the application under test: heap by {@code jstat}, RSS from {@code /proc}). B1-limit
 * (pgbench) runs only where {@code pgbench} is installed; elsewhere the line says {@code limit_ratio=skipped}. It
 * checks that the figures come out, never how fast they are.
 */
@XinfangTest
class BenchmarkHarnessSmokeTests {

	@LocalServerPort
	int port;

	@Autowired
	Environment environment;

	@Autowired
	JdbcClient jdbc;

	@Test
	void harnessLoadsTinyDataAndPrintsEveryFigure() throws Exception {
		String driver = new File(org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI())
			.getPath();
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process process = new ProcessBuilder(List.of(java, "-cp", driver, "bench/Harness.java", "smoke", "--jdbc",
				environment.getProperty("spring.datasource.url"), "--user",
				environment.getProperty("spring.datasource.username"), "--password",
				environment.getProperty("spring.datasource.password", ""), "--base-url", "http://localhost:" + port,
				"--generator", "bench/generator.sql", "--matters", "200"))
			.redirectErrorStream(true)
			.start();
		boolean finished = process.waitFor(300, TimeUnit.SECONDS);
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!finished) {
			process.destroyForcibly();
		}
		assertThat(finished).as(output).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		List<String> lines = output.lines().toList();
		assertThat(lines).as(output)
			.anyMatch(l -> l.matches("LOAD matters=200 reused=(true|false) .*"))
			.anyMatch(l -> l.matches("B2 matters=200 .*worklist_p95_ms=[0-9.]+ .*county_list_p95_ms=[0-9.]+ .*"))
			.anyMatch(l -> l.matches("B3 matters=200 .*p95_ms=[0-9.]+ .* warmup_s=0"))
			.anyMatch(l -> l.matches("B3 matters=200 .*p95_ms=[0-9.]+ .* warmup_s=[0-9.]+ jit_settled=(yes|no)"))
			.anyMatch(l -> l.matches("B4 matters=200 sweep_ms=[0-9.]+ .* indicators_p50_ms=[0-9.]+ .* indicators_received=[0-9]+"))
			.anyMatch(l -> l.matches("B1 matters=200 clients=1 lifecycles=[1-9][0-9]* lifecycles_per_s=[0-9.]+ "
					+ "p50_ms=[0-9.]+ p99_ms=[0-9.]+ requests=[0-9]+ warmup_s=0 app_cpu_ms_per_lifecycle=[0-9.]+ "
					+ "db_cpu_ms_per_lifecycle=[0-9.]+ .*evaluate_p99_ms=[0-9.]+ "
					+ "limit_lifecycles_per_s=([0-9.]+|skipped) limit_ratio=([0-9.]+|skipped)"
					+ "( limit_db_cpu_ms_per_lifecycle=([0-9.]+|skipped))?"))
			.anyMatch(l -> l.matches("B5 matters=200 clients=1 app_pid=[0-9]+ peak_heap_mb=[0-9.]+ peak_rss_mb=[0-9.]+ .*"));
		assertThat(lines.get(lines.size() - 1)).isEqualTo("SMOKE matters=200 ok=true");
		// the generated data is the application's: a protected matter is searchable by its redacted text (V13)
		Map<String, Object> protectedMatters = jdbc.sql("""
				SELECT count(*) AS total, count(search_vector_redacted) AS searchable FROM matter
				WHERE kind = 'REPORT' OR concerned_unit_complained_about
				""").query().singleRow();
		assertThat((Long) protectedMatters.get("total")).isPositive();
		assertThat(protectedMatters.get("searchable")).isEqualTo(protectedMatters.get("total"));
	}
}
