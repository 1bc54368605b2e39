import { CommandContract } from './command-contract.ts';
import { Context, Info, Returns, Transaction } from 'fabric-contract-api';
import { loadAsset, saveAsset } from '../assets/asset-store.ts';
import { parseReason } from '../access/request-input.ts';
import { loadRequest } from '../access/request-store.ts';
import { canonicalJson } from '../canonical-json.ts';
import { requireRegulator } from '../caller.ts';
import { txTime } from '../clock.ts';
import { ChaincodeError, precondition } from '../errors.ts';
import { emit } from '../events.ts';
import { KEY, key } from '../keys.ts';
import { exists, listValues, writeJson } from '../state.ts';
import { userFreeze, userFreezeKey } from '../supervision/user-freeze.ts';
import { requireEnum, requireId, requireString } from '../validation.ts';
import { MAX_NOTE_LENGTH, NOTE_SUBJECTS, type UserFreeze } from '@gridledger/domain';

/** Supervision: only RegulatorMSP identities with the regulator role. Frozen things can be read; nothing flows. */
@Info({ title: 'SupervisionContract', description: 'Freeze and unfreeze assets and users; regulator notes' })
export class SupervisionContract extends CommandContract {
  constructor() {
    super('supervision');
  }

  @Transaction()
  @Returns('string')
  public async FreezeAsset(ctx: Context, assetId: string, reason: string): Promise<string> {
    const regulator = requireRegulator(ctx);
    const asset = await loadAsset(ctx, requireId('assetId', assetId));
    if (asset.status !== 'active') throw precondition(`asset ${asset.id} is ${asset.status}; only an active asset can be frozen`);
    const why = parseReason(reason);
    const frozen = { ...asset, status: 'frozen' as const, updatedAt: txTime(ctx) };
    await saveAsset(ctx, frozen, asset);
    await emit(ctx, 'AssetFrozen', { assetId: asset.id }, { reason: why, by: regulator });
    return canonicalJson(frozen);
  }

  @Transaction()
  @Returns('string')
  public async UnfreezeAsset(ctx: Context, assetId: string, reason: string): Promise<string> {
    const regulator = requireRegulator(ctx);
    const asset = await loadAsset(ctx, requireId('assetId', assetId));
    if (asset.status !== 'frozen') throw precondition(`asset ${asset.id} is ${asset.status}, not frozen`);
    const why = parseReason(reason);
    const active = { ...asset, status: 'active' as const, updatedAt: txTime(ctx) };
    await saveAsset(ctx, active, asset);
    await emit(ctx, 'AssetUnfrozen', { assetId: asset.id }, { reason: why, by: regulator });
    return canonicalJson(active);
  }

  @Transaction()
  @Returns('string')
  public async FreezeUser(ctx: Context, uid: string, reason: string): Promise<string> {
    const regulator = requireRegulator(ctx);
    const subject = requireId('uid', uid);
    if (subject === regulator.uid) throw precondition('a regulator cannot freeze themselves');
    if (await userFreeze(ctx, subject)) throw precondition(`user ${subject} is already frozen`);
    const freeze: UserFreeze = { docType: 'user-freeze', uid: subject, reason: parseReason(reason), by: regulator.uid, at: txTime(ctx), txId: ctx.stub.getTxID() };
    await writeJson(ctx, userFreezeKey(ctx, subject), freeze);
    await emit(ctx, 'UserFrozen', { uid: subject }, { reason: freeze.reason, by: regulator });
    return canonicalJson(freeze);
  }

  @Transaction()
  @Returns('string')
  public async UnfreezeUser(ctx: Context, uid: string, reason: string): Promise<string> {
    const regulator = requireRegulator(ctx);
    const subject = requireId('uid', uid);
    if (!(await userFreeze(ctx, subject))) throw precondition(`user ${subject} is not frozen`);
    const why = parseReason(reason);
    await ctx.stub.deleteState(userFreezeKey(ctx, subject));
    await emit(ctx, 'UserUnfrozen', { uid: subject }, { reason: why, by: regulator });
    return canonicalJson({ uid: subject, frozen: false });
  }

  /** A regulator's note on an asset, a request or a user; notes on an asset join its lineage. */
  @Transaction()
  @Returns('string')
  public async AddRegulatorNote(ctx: Context, noteId: string, subjectType: string, subjectId: string, text: string): Promise<string> {
    const regulator = requireRegulator(ctx);
    const id = requireId('noteId', noteId);
    const type = requireEnum('subjectType', subjectType, NOTE_SUBJECTS);
    const subject = requireId('subjectId', subjectId);
    const body = requireString('text', text, { max: MAX_NOTE_LENGTH });
    const noteKey = key(ctx, KEY.note, type, subject, id);
    if (await exists(ctx, noteKey)) throw new ChaincodeError('ALREADY_EXISTS', `note ${id} already exists`);
    if (type === 'asset') await loadAsset(ctx, subject);
    // a note on a request belongs to its asset's history too, and shares its Kafka key
    const assetId = type === 'asset' ? subject : type === 'request' ? (await loadRequest(ctx, subject)).assetId : undefined;
    const note = { docType: 'regulator-note', id, subjectType: type, subjectId: subject, text: body, by: regulator, at: txTime(ctx), txId: ctx.stub.getTxID() };
    await writeJson(ctx, noteKey, note);
    const subjects = type === 'user' ? { uid: subject } : { assetId, ...(type === 'request' ? { requestId: subject } : {}) };
    await emit(ctx, 'RegulatorNoteAdded', subjects, { noteId: id, subjectType: type, subjectId: subject, text: body });
    return canonicalJson(note);
  }

  @Transaction(false)
  @Returns('string')
  public async GetRegulatorNotes(ctx: Context, subjectType: string, subjectId: string): Promise<string> {
    requireRegulator(ctx);
    return canonicalJson(await listValues(ctx, KEY.note, [requireEnum('subjectType', subjectType, NOTE_SUBJECTS), requireId('subjectId', subjectId)]));
  }
}
