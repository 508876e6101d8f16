"""The shared kernel of Inspraak: what every service needs and no service owns."""
