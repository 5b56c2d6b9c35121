package org.xinfang.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class EmbeddedPostgresEnvironmentTests {

	/** Logs straight away: nothing here runs before logging is set up. */
	private static final DeferredLogFactory LOGS = java.util.function.Supplier::get;

	@Test
	void configuredDatasourceUrlMeansNoEmbeddedServer() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("external",
				Map.of("spring.datasource.url", "jdbc:postgresql://db.example:5432/xinfang")));

		new EmbeddedPostgresEnvironment(LOGS).postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getPropertySources().contains(EmbeddedPostgresEnvironment.SOURCE_NAME)).isFalse();
		assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db.example:5432/xinfang");
	}
}
