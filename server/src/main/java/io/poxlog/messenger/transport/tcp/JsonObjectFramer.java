package io.poxlog.messenger.transport.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Cuts a byte stream into whole top-level JSON values (PROTOCOL.md §1), and does nothing else:
 * parsing is {@link JsonMessageDecoder}'s job. Values may come back to back or with whitespace
 * between them, split across reads however the network likes; braces and brackets inside strings,
 * and escaped quotes, do not count. A top-level array is cut too, so that the decoder can say it
 * is not an object and the stream stays in step.
 *
 * <p>The size limit applies to one value, counted from its first byte: Netty's
 * {@code JsonObjectDecoder} compares the whole buffer instead, so a stream of valid values each
 * under the limit tripped it. A value over the limit is refused as soon as its bytes pass the
 * limit, without waiting for its end, so no more than the limit is ever held for it, and what was
 * held is let go at once. After a refusal (too large, or a byte that cannot start a value) the
 * stream is out of step and the rest is discarded: the connection is to be closed.
 *
 * <p>One per channel, on its event loop.
 */
final class JsonObjectFramer extends ByteToMessageDecoder {
    private final int maxFrameBytes;
    /** Bytes after the reader index already scanned (they belong to the value begun there). */
    private int scanned;
    private int depth;
    private boolean inString;
    private boolean escaped;
    private boolean failed;
    /** Bytes of the stream consumed before the reader index, for error messages. */
    private long consumed;

    JsonObjectFramer() {
        this(TcpSettings.DEFAULT_MAX_FRAME_BYTES);
    }

    JsonObjectFramer(int maxFrameBytes) {
        if (maxFrameBytes < 2) {
            throw new IllegalArgumentException("maxFrameBytes must be at least 2, not " + maxFrameBytes);
        }
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        int end = in.writerIndex();
        int i = in.readerIndex() + scanned;
        while (i < end) {
            byte b = in.getByte(i);
            if (depth == 0) {
                if (isWhitespace(b)) {
                    in.skipBytes(1);
                    consumed++;
                    i++;
                    continue;
                }
                if (b != '{' && b != '[') {
                    throw refuse(in, new NotJsonException(consumed, b));
                }
            }
            i++;
            if (i - in.readerIndex() > maxFrameBytes) {
                throw refuse(in, new FrameTooLargeException(maxFrameBytes, consumed));
            }
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (b == '\\') {
                    escaped = true;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                depth++;
            } else if ((b == '}' || b == ']') && --depth == 0) {
                int length = i - in.readerIndex();
                out.add(in.retainedSlice(in.readerIndex(), length));
                in.skipBytes(length);
                consumed += length;
            }
        }
        scanned = i - in.readerIndex();
    }

    /**
     * Puts the stream out of step for good and lets go of what it holds: with nothing left to
     * read, the decoder releases its buffer now rather than when the connection closes, which
     * after a refusal is a while later (the error must reach the peer first).
     */
    private RuntimeException refuse(ByteBuf in, RuntimeException refusal) {
        failed = true;
        in.skipBytes(in.readableBytes());
        return refusal;
    }

    /** JSON's whitespace and the other ASCII whitespace POX's {@code lstrip} skips. */
    private static boolean isWhitespace(byte b) {
        return b == ' ' || b >= 0x09 && b <= 0x0d || b >= 0x1c && b <= 0x1f;
    }
}
