package org.soarplaybooks.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file so that a reader, or a crash, never sees half of it: the content goes to a hidden temporary file
 * in the same folder ({@code .tmp-*}, which file triggers skip), is flushed to disk ({@code fsync}), is renamed
 * over the target in one step, and the folder is flushed too so the rename itself survives a power loss (where
 * the file system allows forcing a folder; elsewhere that last step is skipped). Dead letters, watermarks,
 * failed-file reports and replay files go through here (a bulk result file, streamed, is renamed into place by
 * {@code BulkResultFile} itself). They are few: the incidents themselves are on the broker's journal.
 */
public final class AtomicFiles {

    /** Writes the content of a file to a stream; the stream is closed by {@link #write(Path, Writer)}. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Replaces {@code target} with {@code content}, atomically; creates the folder if needed.
     *
     * @throws IOException when the folder or the file cannot be written (the target is then unchanged)
     */
    public static Path write(Path target, byte[] content) throws IOException {
        return write(target, out -> out.write(content));
    }

    /**
     * Replaces {@code target} with what {@code writer} writes, atomically; for content streamed rather than
     * held in memory.
     *
     * @throws IOException when the folder or the file cannot be written, or the writer fails (the target is
     *         then unchanged)
     */
    public static Path write(Path target, Writer writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".tmp-", ".part");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(ch);
                writer.writeTo(out);
                out.flush();
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        forceFolder(dir);
        return target;
    }

    /**
     * Whether a file can be created in {@code dir} now: creates and deletes {@code <dir>/.ready-<uuid>.probe}.
     *
     * @return null when it can, else the reason (e.g. {@code No space left on device}, {@code Read-only file system})
     */
    public static String cannotWrite(Path dir) {
        Path probe = dir.resolve(".ready-" + java.util.UUID.randomUUID() + ".probe");
        try {
            Files.write(probe, new byte[] {'o', 'k'}, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Files.delete(probe);
            return null;
        } catch (java.nio.file.FileSystemException e) {
            return e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
        } catch (IOException | SecurityException e) {
            return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        }
    }

    private static void forceFolder(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // some platforms cannot open a folder as a channel; the rename is then as durable as the OS makes it
        }
    }
}
