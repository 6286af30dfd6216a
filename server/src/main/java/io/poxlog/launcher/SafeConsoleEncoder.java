package io.poxlog.launcher;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.nio.charset.Charset;

/**
 * logback's pattern encoder for the controller's console, with every line made safe for a
 * terminal first ({@link ConsoleText}): message, logger name and stack trace may come from the
 * network. Name it in a logback.xml as the {@code <encoder class="...">} of a console appender.
 */
public final class SafeConsoleEncoder extends PatternLayoutEncoder {
    @Override
    public byte[] encode(ILoggingEvent event) {
        String text = ConsoleText.sanitize(getLayout().doLayout(event));
        Charset cs = getCharset();
        return cs == null ? text.getBytes() : text.getBytes(cs);
    }
}
