package io.poxlog.testing.transports;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A test that runs once over each {@link Transport}, which it takes as its parameter:
 * {@code @OnEveryTransport void upperCounts(Transport t)}. Each run is named after its transport.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "over {0}")
@EnumSource(Transport.class)
public @interface OnEveryTransport {
}
