//go:build tools

// Package tools pins the Fabric CA commands the stack builds; see ../README.md.
package tools

import (
	_ "github.com/hyperledger/fabric-ca/cmd/fabric-ca-client"
	_ "github.com/hyperledger/fabric-ca/cmd/fabric-ca-server"
)
