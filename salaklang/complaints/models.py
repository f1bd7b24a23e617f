# Models of this capability.
