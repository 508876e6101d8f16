"""The portal's pages, one router per journey."""
