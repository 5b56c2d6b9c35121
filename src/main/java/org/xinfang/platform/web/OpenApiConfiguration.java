package org.xinfang.platform.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Title, licence and the staff sign-in scheme of the OpenAPI document at {@code /api/v1/openapi}. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI xinfangOpenApi() {
		return new OpenAPI()
			.info(new Info().title("xinfang API")
				.version("v1")
				.description("Petition (信访) case management. Staff endpoints use HTTP Basic (or the session of a "
						+ "signed-in page user); /api/v1/public/** is the citizen portal's API. Errors are RFC 9457 "
						+ "problem details.")
				.license(new License().name("Apache-2.0")))
			.components(new Components().addSecuritySchemes("basic",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
			.addSecurityItem(new SecurityRequirement().addList("basic"));
	}
}
