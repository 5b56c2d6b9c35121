package org.xinfang;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * xinfang: case management for public petitions (信访) under the 2022 Regulation on Petition Work.
 *
 * <p>Each direct sub-package is a Spring Modulith application module; {@code ModularityTests} keeps
 * their boundaries. {@code platform} is shared: every module test bootstraps it too.
 */
@SpringBootApplication
@Modulithic(sharedModules = "platform")
@EnableScheduling
public class XinfangApplication {

	public static void main(String[] args) {
		SpringApplication.run(XinfangApplication.class, args);
	}
}
