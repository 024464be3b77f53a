"""machina's forum_attachments, with size and type limits on uploaded files."""
