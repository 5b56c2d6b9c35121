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
				.description("Petition (信访) case management. Staff endpoints take a bearer token (POST "
						+ "/api/v1/auth/tokens once with user name and password, then 'Authorization: Bearer <token>'; "
						+ "the way for API clients: no password check per request), or HTTP Basic, or the session of a "
						+ "signed-in page user; /api/v1/public/** is the citizen portal's API. Errors are RFC 9457 "
						+ "problem details.")
				.license(new License().name("Apache-2.0")))
			.components(new Components()
				.addSecuritySchemes("bearer",
						new SecurityScheme().type(SecurityScheme.Type.HTTP)
							.scheme("bearer")
							.bearerFormat("opaque")
							.description("A token from POST /api/v1/auth/tokens, valid until its expiresAt or until "
									+ "revoked (DELETE /api/v1/auth/tokens/current)."))
				.addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
			// either scheme: two alternative requirements
			.addSecurityItem(new SecurityRequirement().addList("bearer"))
			.addSecurityItem(new SecurityRequirement().addList("basic"));
	}
}
