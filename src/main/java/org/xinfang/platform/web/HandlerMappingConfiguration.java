package org.xinfang.platform.web;

import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The controllers' handler mapping is a {@link LiteralPrefixHandlerMapping}. It is handed to Spring Boot through
 * {@link WebMvcRegistrations}, so Boot still configures it (order, path matching, content negotiation, CORS,
 * interceptors) exactly as it would the plain {@link RequestMappingHandlerMapping}.
 */
@Configuration(proxyBeanMethods = false)
class HandlerMappingConfiguration {

	@Bean
	WebMvcRegistrations literalPrefixHandlerMappingRegistration() {
		return new WebMvcRegistrations() {
			@Override
			public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
				return new LiteralPrefixHandlerMapping();
			}
		};
	}
}
