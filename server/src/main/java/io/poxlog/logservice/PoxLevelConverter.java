package io.poxlog.logservice;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %poxlevel} in a logback pattern: the level as POX prints it (WARNING, not WARN), so the
 * console reads like POX's {@code LEVEL:logger:message}.
 */
public final class PoxLevelConverter extends ClassicConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return PoxLevel.of(event.getLevel()).name();
    }
}
