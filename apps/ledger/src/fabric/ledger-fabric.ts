import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { LEDGER_CONFIG, type LedgerConfig } from '../config/ledger-config.ts';
import { CommitWatcher } from './commit-watcher.ts';
import { FabricPeers } from './fabric-peers.ts';
import { loadOrganizations } from './organizations.ts';
import { TransactionLookup } from './transaction-lookup.ts';
import { TransactionSubmitter } from './transaction-submitter.ts';

/** The service's one door to Fabric: peers of every organisation, submitting, commit outcomes and looking up. */
@Injectable()
export class LedgerFabric implements OnApplicationShutdown {
  readonly peers: FabricPeers;
  readonly submitter: TransactionSubmitter;
  readonly lookup: TransactionLookup;
  readonly commits: CommitWatcher;

  constructor(@Inject(LEDGER_CONFIG) readonly config: LedgerConfig) {
    this.peers = new FabricPeers(loadOrganizations(config.LEDGER_ORGANIZATIONS_FILE));
    // fail at boot, not on the first event, when the listening organisation is not configured
    this.peers.organization(config.LEDGER_LISTEN_MSP_ID);
    this.submitter = new TransactionSubmitter(this.peers, config.LEDGER_CHANNEL, config.LEDGER_CHAINCODE);
    this.lookup = new TransactionLookup(this.peers, config.LEDGER_CHANNEL, config.LEDGER_LISTEN_MSP_ID);
    this.commits = new CommitWatcher(() => this.network(), () => this.lookup.height(), new Logger('CommitWatcher'));
  }

  /**
   * The channel as the ledger service's identity in the listening organisation, through the peer
   * answering now: streams call this again when they reconnect, so they move to a fallback peer.
   */
  network() {
    return this.peers.serviceNetwork(this.config.LEDGER_LISTEN_MSP_ID, this.config.LEDGER_CHANNEL);
  }

  onApplicationShutdown(): void {
    this.commits.stop();
    this.peers.close();
  }
}
