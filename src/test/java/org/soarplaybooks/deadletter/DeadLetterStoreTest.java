package org.soarplaybooks.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.soarplaybooks.engine.PlaybookBeans;

/** Where {@link DeadLetterStore} keeps a playbook's dead letters: one folder per playbook, named safely. */
class DeadLetterStoreTest {

    @TempDir
    Path data;

    @Test
    void aPlaybookFolderKeepsSafeCharactersAndReplacesTheRest() {
        DeadLetterStore store = new DeadLetterStore(data.resolve("dead-letters"), PlaybookBeans.newMapper());

        assertThat(store.fileOf("sentinelone-threat-sync", "abc")).isEqualTo(
                data.resolve("dead-letters").resolve("sentinelone-threat-sync").resolve("abc.json"));
        assertThat(store.fileOf("My Playbook/../v1.2_x", "abc").getParent().getFileName().toString())
                .isEqualTo("My_Playbook_.._v1.2_x");
        assertThat(store.fileOf("ünïcode:playbook", "abc").getParent().getFileName().toString())
                .isEqualTo("_n_code_playbook");
        assertThat(store.fileOf("  ", "abc").getParent().getFileName().toString()).isEqualTo("unknown");
        assertThat(store.fileOf(null, "abc").getParent().getFileName().toString()).isEqualTo("unknown");
    }

    @Test
    void removingADeadLetterThatDoesNotExistSaysSo() throws Exception {
        DeadLetterStore store = new DeadLetterStore(data.resolve("dead-letters"), PlaybookBeans.newMapper());
        Path file = store.fileOf("bulk-incident-update", "0123456789abcdef0123");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{}");

        assertThat(store.remove("bulk-incident-update", "0123456789abcdef0123")).isTrue();
        assertThat(store.remove("bulk-incident-update", "0123456789abcdef0123")).isFalse();
        assertThat(file).doesNotExist();
    }

    @Test
    void waitingIdsFollowTheFolderAsAnotherProcessChangesIt() throws Exception {
        DeadLetterStore store = new DeadLetterStore(data.resolve("dead-letters"), PlaybookBeans.newMapper());
        assertThat(store.waitingIds("bulk-incident-update")).as("no folder yet").isEmpty();

        Path folder = store.fileOf("bulk-incident-update", "x").getParent();
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("aaaa.json"), "{}");
        Files.writeString(folder.resolve(".aaaa.json.tmp"), "{}"); // a write in progress: not a dead letter
        assertThat(store.waitingIds("bulk-incident-update")).as("changed just now: not known").isNull();
        settle(folder, 60);
        assertThat(store.waitingIds("bulk-incident-update")).containsExactly("aaaa");

        // written by someone else (a replay, an operator): the folder's time moves, the folder is listed again
        Files.writeString(folder.resolve("bbbb.json"), "{}");
        assertThat(store.waitingIds("bulk-incident-update")).isNull();
        settle(folder, 50);
        assertThat(store.waitingIds("bulk-incident-update")).containsExactlyInAnyOrder("aaaa", "bbbb");
        Files.delete(folder.resolve("aaaa.json"));
        settle(folder, 40);
        assertThat(store.waitingIds("bulk-incident-update")).containsExactly("bbbb");
        assertThat(store.waitingIds("another-playbook")).isEmpty();
    }

    @Test
    void aSettledUnchangedFolderIsNotListedAgain() throws Exception {
        DeadLetterStore store = new DeadLetterStore(data.resolve("dead-letters"), PlaybookBeans.newMapper());
        Path folder = store.fileOf("bulk-incident-update", "x").getParent();
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("aaaa.json"), "{}");
        Files.writeString(folder.resolve("bbbb.json"), "{}");
        FileTime settled = settle(folder, 60);
        assertThat(store.waitingIds("bulk-incident-update")).containsExactlyInAnyOrder("aaaa", "bbbb");

        // one stat per call: while the folder's time is the same, the listing is kept
        Files.delete(folder.resolve("bbbb.json"));
        Files.setLastModifiedTime(folder, settled);
        assertThat(store.waitingIds("bulk-incident-update")).as("the kept listing")
                .containsExactlyInAnyOrder("aaaa", "bbbb");

        // this store's own remove changes the folder: not known until it settles, then listed again
        assertThat(store.remove("bulk-incident-update", "aaaa")).isTrue();
        assertThat(store.waitingIds("bulk-incident-update")).isNull();
        settle(folder, 30);
        assertThat(store.waitingIds("bulk-incident-update")).isEmpty();
    }

    /** Sets the folder's modification time {@code secondsAgo} in the past (a change that long ago). */
    private static FileTime settle(Path folder, long secondsAgo) throws java.io.IOException {
        FileTime t = FileTime.from(Instant.now().minusSeconds(secondsAgo));
        Files.setLastModifiedTime(folder, t);
        return t;
    }
}
