package org.xinfang.platform.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The application's own scripts, under {@code /js/**} from {@code classpath:/static/js/}. Static files are not
 * mapped to {@code /**} ({@code spring.mvc.static-path-pattern} in application.yml, BENCHMARKS.md "Causes and
 * fixes"): each folder of static files gets its own narrow pattern, so that the links a page builds to other pages
 * are never looked up as files.
 */
@Configuration(proxyBeanMethods = false)
class StaticScripts implements WebMvcConfigurer {

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		registry.addResourceHandler("/js/**").addResourceLocations("classpath:/static/js/");
	}
}
