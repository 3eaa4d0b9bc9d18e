package org.soarplaybooks.webhook;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file so that after {@link #write} returns, a crash (process or power) loses nothing and a reader
 * never sees half of it: the bytes go to a hidden temporary file in the same folder ({@code .<name>.tmp}, which a
 * file trigger including {@code *.json} never picks up), are forced to disk ({@code fsync}), the temporary file is
 * renamed atomically onto the target, and the folder itself is forced so the rename is durable too (on file
 * systems that allow forcing a folder; elsewhere that last step is skipped).
 */
final class DurableFile {

    private DurableFile() {
    }

    /**
     * Writes {@code content} to {@code target} (replacing it), creating the folder if needed.
     *
     * @throws IOException when the folder cannot be created or the file cannot be written, forced or renamed; the
     *                     temporary file is removed then
     */
    static void write(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + target.getFileName() + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        forceFolder(dir);
    }

    private static void forceFolder(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // some platforms (Windows) cannot open a folder as a channel; the rename is then as durable as the OS makes it
        }
    }
}
