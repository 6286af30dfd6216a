/**
 * The messenger inside any application that logs through logback: one {@link
 * io.poxlog.embedding.MessengerAppender} in its logback.xml starts, through the launcher's own
 * components, what {@code bin/controller} would (the nexus, the TCP transport, the log service,
 * optionally more), bound to the application's logger context. Nothing here is on the logging
 * path but the appender's hand-off to the log service.
 */
package io.poxlog.embedding;
