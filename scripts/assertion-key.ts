// Prints a new ES256 private JWK for ASSERTION_PRIVATE_JWK, shared by every gateway replica.
import { exportJWK, generateKeyPair } from 'jose';

const { privateKey } = await generateKeyPair('ES256', { extractable: true });
console.log(JSON.stringify(await exportJWK(privateKey)));
