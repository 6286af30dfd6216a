package io.poxlog.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.poxlog.testing.Await;
import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The server's own behaviour: mounting, answering now and later, taking over, stopping. */
class WebServerTest {

    @Test
    void aRequestGoesToTheLongestPrefixItLiesBelow() throws Exception {
        try (WebFixture f = new WebFixture().start()) {
            f.server.mount("/_webmsg/", e -> e.respond(WebResponse.text(200, "webmsg " + e.subpath())));
            f.server.mount("/_webmsg/ws", e -> e.respond(WebResponse.text(200, "ws " + e.subpath())));
            f.server.mount("/", e -> e.respond(WebResponse.text(200, "root " + e.subpath())));
            assertThat(f.get("/_webmsg/abc?x=1").body()).isEqualTo("webmsg /abc");
            assertThat(f.get("/_webmsg/ws").body()).isEqualTo("ws ");
            assertThat(f.get("/_webmsg/wsx").body()).isEqualTo("webmsg /wsx");
            assertThat(f.get("/other").body()).isEqualTo("root /other");
            assertThatThrownBy(() -> f.server.mount("/_webmsg", e -> { }))
                    .isInstanceOf(IllegalStateException.class).hasMessage("a handler is mounted at /_webmsg already");
            assertThatThrownBy(() -> f.server.mount("static", e -> { }))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'static'");
        }
    }

    @Test
    void aHandlerSeesTheWholeRequest() throws Exception {
        AtomicReference<WebRequest> seen = new AtomicReference<>();
        try (WebFixture f = new WebFixture().start()) {
            f.server.mount("/echo", e -> {
                seen.set(e.request());
                e.respond(WebResponse.of(201, "application/json", e.request().body()).withHeader("X-Seen", "yes"));
            });
            HttpResponse<String> r = f.client.send(HttpRequest.newBuilder(f.uri("/echo/a%20b?q=1&q=2"))
                    .header("Content-Type", "application/json").header("X-POX-Messenger-Session-Key", "k1")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"seq\":0}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(201);
            assertThat(r.body()).isEqualTo("{\"seq\":0}");
            assertThat(r.headers().firstValue("X-Seen")).hasValue("yes");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            WebRequest q = seen.get();
            assertThat(q.method()).isEqualTo("POST");
            assertThat(q.path()).isEqualTo("/echo/a%20b");
            assertThat(q.query()).isEqualTo("q=1&q=2");
            assertThat(q.parameters().get("q")).containsExactly("1", "2");
            assertThat(q.header("x-pox-messenger-session-key")).isEqualTo("k1");
            assertThat(q.bodyText()).isEqualTo("{\"seq\":0}");
            assertThat(q.remoteAddress().getAddress().isLoopbackAddress()).isTrue();
        }
    }

    @Test
    void nothingMountedIsA404WithAJsonError() throws Exception {
        try (WebFixture f = new WebFixture().start()) {
            HttpResponse<String> r = f.get("/nothing/here");
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(r.body()).isEqualTo("{\"error\":\"nothing is served at /nothing/here\"}");
        }
    }

    @Test
    void aLongPollIsAnsweredFromAnotherThreadWhileOtherClientsAreServed() throws Exception {
        CompletableFuture<WebExchange> waiting = new CompletableFuture<>();
        try (WebFixture f = new WebFixture().start()) {
            f.server.mount("/poll", e -> {
                e.hold(Duration.ofSeconds(30), () -> WebResponse.text(200, "timed out"));
                waiting.complete(e);
            });
            f.server.mount("/now", e -> e.respond(WebResponse.text(200, "now")));
            CompletableFuture<HttpResponse<String>> poll = f.client.sendAsync(
                    HttpRequest.newBuilder(f.uri("/poll")).build(), HttpResponse.BodyHandlers.ofString());
            WebExchange held = waiting.get(10, TimeUnit.SECONDS);
            for (int i = 0; i < 5; i++) {
                assertThat(f.get("/now").body()).isEqualTo("now");
            }
            assertThat(poll).isNotDone();
            Thread other = new Thread(() -> held.respond(WebResponse.text(200, "messages")), "some-service-thread");
            other.start();
            assertThat(poll.get(10, TimeUnit.SECONDS).body()).isEqualTo("messages");
            assertThat(held.respond(WebResponse.text(200, "again"))).as("only the first answer counts").isFalse();
        }
    }

    @Test
    void aHeldRequestIsAnsweredForItsHandlerAtTheEndOfItsWaitAndAtMostTheServersLimit() throws Exception {
        try (WebFixture f = WebFixture.withLimits(WebLimits.DEFAULTS.withMaxHold(Duration.ofSeconds(1))).start()) {
            f.server.mount("/poll", e -> e.hold(Duration.ofHours(1), () -> WebResponse.text(200, "empty")));
            f.server.mount("/silent", e -> { });
            long start = System.nanoTime();
            assertThat(f.get("/poll").body()).isEqualTo("empty");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            HttpResponse<String> silent = f.get("/silent");
            assertThat(silent.statusCode()).isEqualTo(503);
            assertThat(silent.body()).isEqualTo("{\"error\":\"no answer within 1 s, the limit for a held request "
                    + "(max_hold)\"}");
        }
    }

    @Test
    void aClientThatGoesAwayAbandonsItsHeldRequest() throws Exception {
        CountDownLatch abandoned = new CountDownLatch(1);
        CountDownLatch held = new CountDownLatch(1);
        try (WebFixture f = new WebFixture().start()) {
            f.server.mount("/poll", e -> {
                e.onAbandoned(abandoned::countDown);
                e.hold(Duration.ofSeconds(30), () -> WebResponse.text(200, "late"));
                held.countDown();
            });
            try (RawHttp c = f.raw()) {
                c.send("GET /poll HTTP/1.1\r\nHost: " + f.host() + "\r\n\r\n");
                assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(abandoned.await(10, TimeUnit.SECONDS)).as("the handler hears the client left").isTrue();
            Await.until("the connection is gone", () -> f.server.openConnections() == 0);
        }
    }

    @Test
    void aHandlerThatThrowsIsAnswered500AndTheConnectionGoesOn() throws Exception {
        try (WebFixture f = new WebFixture().start()) {
            f.server.mount("/bad", e -> {
                throw new IllegalStateException("bug");
            });
            f.server.mount("/oom", e -> {
                throw new OutOfMemoryError("simulated");
            });
            f.server.mount("/ok", e -> e.respond(WebResponse.text(200, "ok")));
            try (RawHttp c = f.raw()) {
                RawHttp.Response bad = c.get("/bad", f.host());
                assertThat(bad.status()).isEqualTo(500);
                assertThat(bad.error()).isEqualTo("internal error in the handler of /bad; the server's log has it");
                assertThat(c.get("/oom", f.host()).status()).isEqualTo(500);
                assertThat(c.get("/ok", f.host()).text()).isEqualTo("ok");
            }
        }
    }

    @Test
    void requestsSentAheadAreAnsweredInOrderEvenWhenTheFirstIsHeld() throws Exception {
        CompletableFuture<WebExchange> first = new CompletableFuture<>();
        try (WebFixture f = new WebFixture().start()) {
            f.server.mount("/slow", e -> {
                e.hold(Duration.ofSeconds(30), () -> WebResponse.text(200, "timeout"));
                first.complete(e);
            });
            f.server.mount("/fast", e -> e.respond(WebResponse.text(200, "fast " + e.request().query())));
            try (RawHttp c = f.raw()) {
                String h = "Host: " + f.host() + "\r\n\r\n";
                c.send("GET /slow HTTP/1.1\r\n" + h + "GET /fast?1 HTTP/1.1\r\n" + h + "GET /fast?2 HTTP/1.1\r\n" + h);
                first.get(10, TimeUnit.SECONDS).respond(WebResponse.text(200, "slow"));
                assertThat(c.read().text()).isEqualTo("slow");
                assertThat(c.read().text()).isEqualTo("fast 1");
                assertThat(c.read().text()).isEqualTo("fast 2");
            }
        }
    }

    @Test
    void aHandlerCanTakeTheConnectionOverWithTheRequest() throws Exception {
        try (WebFixture f = new WebFixture().start()) {
            f.server.mount("/_webmsg/ws", e -> {
                if (!e.checkOrigin()) {
                    return;
                }
                e.takeOver((channel, request) -> {
                    String upgrade = request.headers().get("Upgrade");
                    request.release();
                    assertThat(channel.pipeline().get("requests")).isNull();
                    assertThat(channel.pipeline().get("codec")).isNotNull();
                    channel.pipeline().remove("codec");
                    channel.pipeline().remove("aggregator");
                    channel.writeAndFlush(Unpooled.copiedBuffer("taken over: " + upgrade + "\n", StandardCharsets.UTF_8))
                            .addListener(ChannelFutureListener.CLOSE);
                });
            });
            try (RawHttp c = f.raw()) {
                c.send("GET /_webmsg/ws HTTP/1.1\r\nHost: " + f.host() + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n");
                byte[] got = new byte[64];
                int n = c.readBytes(got);
                assertThat(new String(got, 0, n, StandardCharsets.UTF_8)).isEqualTo("taken over: websocket\n");
            }
            Await.until("a taken-over connection still counts until it closes", () -> f.server.openConnections() == 0);
        }
    }

    @Test
    void stopClosesEveryConnectionHeldOnesTooAndFreesThePort() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        WebFixture f = new WebFixture().start();
        f.server.mount("/poll", e -> {
            e.hold(Duration.ofSeconds(60), () -> WebResponse.text(200, "late"));
            held.countDown();
        });
        int port = f.server.boundAddress().getPort();
        try (RawHttp c = f.raw()) {
            c.send("GET /poll HTTP/1.1\r\nHost: " + f.host() + "\r\n\r\n");
            assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
            long start = System.nanoTime();
            f.server.stop();
            f.server.stop(); // twice is fine
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(c.awaitClosed()).isTrue();
        }
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
        WebServer again = new WebServer(WebSettings.DEFAULTS.withAddress("127.0.0.1", port)).start();
        again.stop();
    }
}
