package io.teammusic.subsonic;

import io.teammusic.auth.AppPasswordService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodReturnValueHandler;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class SubsonicConfiguration implements WebMvcConfigurer {

    private final SubsonicWriter writer;

    SubsonicConfiguration(SubsonicWriter writer) {
        this.writer = writer;
    }

    @Bean
    FilterRegistrationBean<SubsonicAuthFilter> subsonicAuthFilter(AppPasswordService passwords) {
        var reg = new FilterRegistrationBean<>(new SubsonicAuthFilter(passwords, writer));
        reg.addUrlPatterns("/rest/*");
        // After Spring Security's chain (order -100), which lets /rest through, so the context set here is the one
        // the handlers see.
        reg.setOrder(0);
        return reg;
    }

    @Bean
    FilterRegistrationBean<SubsonicCorsFilter> subsonicCorsFilter() {
        var reg = new FilterRegistrationBean<>(new SubsonicCorsFilter());
        reg.addUrlPatterns("/rest/*");
        // Ahead of Spring Security (order -100) and of authentication, so a preflight needs no credentials.
        reg.setOrder(-200);
        return reg;
    }

    @Override
    public void addReturnValueHandlers(List<HandlerMethodReturnValueHandler> handlers) {
        handlers.add(new NodeReturnValueHandler(writer));
    }

    /** Lets Subsonic handlers return a {@link Node}; the envelope and format are added here. */
    private record NodeReturnValueHandler(SubsonicWriter writer) implements HandlerMethodReturnValueHandler {

        @Override
        public boolean supportsReturnType(MethodParameter returnType) {
            return Node.class.isAssignableFrom(returnType.getParameterType());
        }

        @Override
        public void handleReturnValue(Object value, MethodParameter returnType, ModelAndViewContainer mav,
                NativeWebRequest web) throws Exception {
            mav.setRequestHandled(true);
            HttpServletRequest request = web.getNativeRequest(HttpServletRequest.class);
            HttpServletResponse response = web.getNativeResponse(HttpServletResponse.class);
            Node payload = value == null ? Node.empty() : (Node) value;
            writer.write(response, writer.render(request, payload), 200);
        }
    }
}
