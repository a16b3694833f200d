package org.kefu.platform.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description at {@code /v3/api-docs}, shown by Swagger UI at {@code /swagger-ui.html}. */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

	@Bean
	OpenAPI kefuApi() {
		return new OpenAPI()
			.info(new Info().title("Kefu API").version("v1")
				.description("""
						The REST API of Kefu (客服), the customer service center. Authenticate with a personal API token:
						`Authorization: Bearer <token>`, from `POST /api/v1/auth/token` or the profile page. Errors are
						RFC 9457 problem details (`application/problem+json`) in the language of `Accept-Language`.
						Send an `Idempotency-Key` header on creating calls to make retries safe.""")
				.license(new License().name("Apache-2.0")))
			.components(new Components().addSecuritySchemes("bearer",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("kefu_…")))
			.addSecurityItem(new SecurityRequirement().addList("bearer"));
	}
}
