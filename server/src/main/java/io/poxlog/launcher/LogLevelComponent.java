package io.poxlog.launcher;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.poxlog.logservice.PoxLevel;
import java.util.Map;
import java.util.Set;

/**
 * {@code log.level}: set log levels at start-up, as POX's: {@code --DEBUG} sets the root logger,
 * {@code --openflow.of_01=INFO} sets one logger.
 */
final class LogLevelComponent implements Component {
    @Override
    public String name() {
        return "log.level";
    }

    @Override
    public String description() {
        return "set levels: --LEVEL for the root logger, --logger.name=LEVEL for one logger";
    }

    @Override
    public Set<String> options() {
        return null;
    }

    @Override
    public void validate(ComponentRequest r) throws UsageException {
        for (Map.Entry<String, String> e : r.options().entrySet()) {
            try {
                level(e);
            } catch (IllegalArgumentException bad) {
                throw new UsageException("log.level: --" + e.getKey()
                        + ("true".equals(e.getValue()) ? "" : "=" + e.getValue()) + ": " + bad.getMessage());
            }
        }
    }

    @Override
    public void start(ControllerRuntime runtime, ComponentRequest r) {
        LoggerContext ctx = runtime.loggerContext();
        for (Map.Entry<String, String> e : r.options().entrySet()) {
            boolean root = "true".equals(e.getValue());
            Logger logger = ctx.getLogger(root ? org.slf4j.Logger.ROOT_LOGGER_NAME : e.getKey());
            logger.setLevel(level(e).logback());
        }
    }

    private static PoxLevel level(Map.Entry<String, String> e) {
        // "--DEBUG" alone names the root level; "--name=LEVEL" names a logger's
        return PoxLevel.parse("true".equals(e.getValue()) ? e.getKey() : e.getValue());
    }
}
