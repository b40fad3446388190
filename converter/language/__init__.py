"""Language tools shared by the formats: sentences, syllables, word lists."""
