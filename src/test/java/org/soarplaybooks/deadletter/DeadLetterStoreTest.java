package org.soarplaybooks.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
}
